import type { PairingFeatureCollectionDto } from '../geography/dto/geojson.dto';
import { featureCollection, pairingFeature } from '../geography/geojson';
import { ParkPoints } from '../geography/park-points';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  DomainError,
  type FieldError,
  invalidInput,
  stillReferenced,
} from '../../common/errors/domain-error';
import { staleVersion } from '../../common/http/expected-version';
import type { Page } from '../../common/pagination/keyset';
import { AuditedTransactions, type WriteContext } from '../../database/audited-transactions';
import { constraintViolation } from '../../database/constraint-errors';
import { AuditService } from '../audit/audit.service';
import type { ChangePageDto, HistoryQueryDto } from '../audit/dto/change.dto';
import { RecordHistory } from '../audit/record-history';
import type { Actor } from '../auth/actor';
import { countryForbidden } from '../auth/auth.errors';
import type {
  CreatePairingDto,
  PairingIndustryInputDto,
  PairingSideInputDto,
  ReviewDecisionDto,
  UpdatePairingDto,
} from './dto/pairing-input.dto';
import type { PairingResponseDto, ReviewRoundsDto } from './dto/pairing-response.dto';
import type { ListPairingsQueryDto } from './dto/list-pairings-query.dto';
import { PublicationService } from '../open-data/snapshots/publication.service';
import { PairingIndustryEntity, PairingParkEntity } from './pairing-links.entity';
import { toPairingResponse } from './pairing-response';
import { PairingEntity } from './pairing.entity';
import {
  pairingArchived,
  pairingCodeTaken,
  pairingNotFound,
  workflowRefused,
} from './pairings.errors';
import {
  type PairingChanges,
  PairingsRepository,
  type PairingValues,
  type SidePark,
} from './pairings.repository';
import { applyWorkflow, type WorkflowCommand } from './review-workflow';
import { type FinalDecision, ReviewRounds } from '../review-desk/rounds/review-rounds.service';

import { DOCUMENT_LINKS } from '../documents/document-owner';

/** A pairing's link tables, for its history. */
const LINKS = ['pairing_park', 'pairing_industry', 'pairing_review', 'review_round'].map(
  (table) => ({
    table,
    parentColumn: 'pairing_id',
  }),
);

/** What a PATCH sets besides sides and industries, and so what a field revert may put back. */
const EDITABLE = [
  'code',
  'name',
  'nameZh',
  'description',
  'note',
  'agreementSignedOn',
  'launchedOn',
  'status',
  'sources',
] as const;

function pairingValues(dto: UpdatePairingDto): Partial<PairingValues> {
  const values: Partial<PairingValues> = {};
  for (const field of EDITABLE) {
    if (dto[field] !== undefined) Object.assign(values, { [field]: dto[field] });
  }
  return values;
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));

/** Sides as the API takes them, from a list of parks with their countries. */
function sideInputs(parks: readonly SidePark[]): PairingSideInputDto[] {
  const byCountry = new Map<string, string[]>();
  for (const park of parks) {
    byCountry.set(park.countryCode, [...(byCountry.get(park.countryCode) ?? []), park.parkId]);
  }
  return [...byCountry].map(([countryCode, parkIds]) => ({ countryCode, parkIds }));
}

/** The pairing as notifications name it. */
const notified = (pairing: PairingEntity) => ({
  id: pairing.id,
  code: pairing.code,
  name: pairing.name,
  nameZh: pairing.nameZh,
});

@Injectable()
export class PairingsService {
  constructor(
    private readonly pairings: PairingsRepository,
    private readonly transactions: AuditedTransactions,
    private readonly audit: AuditService,
    private readonly records: RecordHistory,
    private readonly desk: ReviewRounds,
    private readonly parkPoints: ParkPoints,
    private readonly publication: PublicationService,
  ) {}

  async create(
    dto: CreatePairingDto,
    actor: Actor,
    context: WriteContext,
  ): Promise<PairingResponseDto> {
    assertOnASide(
      actor,
      dto.sides.map((side) => side.countryCode),
    );
    const parks = await this.checkSides(dto.sides);
    const industries = await this.checkIndustries(dto.industries ?? []);
    const values = {
      nameZh: null,
      description: null,
      note: null,
      agreementSignedOn: null,
      launchedOn: null,
      sources: [],
      ...pairingValues(dto),
    } as PairingValues;
    const id = await this.transactions
      .run(context, async (manager) => {
        const pairingId = await this.pairings.insert(manager, values);
        await this.pairings.replaceParks(manager, pairingId, parks);
        await this.pairings.replaceIndustries(manager, pairingId, industries);
        return pairingId;
      })
      .catch((error: unknown) => this.translate(error, values.code));
    return this.get(id);
  }

  /** The same page as GeoJSON: each pairing a MultiLineString from its Chinese park outwards. */
  async listGeoJson(query: ListPairingsQueryDto): Promise<PairingFeatureCollectionDto> {
    const page = await this.list(query);
    const points = await this.parkPoints.of(
      page.items.flatMap((pairing) => pairing.sides.flatMap((side) => side.parks.map((p) => p.id))),
    );
    return featureCollection(
      page.items.map((pairing) => pairingFeature(pairing, points)),
      page.nextCursor,
    );
  }

  async list(query: ListPairingsQueryDto): Promise<Page<PairingResponseDto>> {
    const page = await this.pairings.listPage(query, query);
    const ids = page.items.map((pairing) => pairing.id);
    const [parks, industries] = await Promise.all([
      this.pairings.parksOf(ids),
      this.pairings.industriesOf(ids),
    ]);
    return {
      items: page.items.map((pairing) =>
        toPairingResponse(
          pairing,
          parks.filter((park) => park.pairingId === pairing.id),
          industries.filter((industry) => industry.pairingId === pairing.id),
        ),
      ),
      nextCursor: page.nextCursor,
    };
  }

  /** The pairing now, or as it was at `asOf` with its sides and industries as they were. */
  async get(id: string, asOf?: string): Promise<PairingResponseDto> {
    if (!asOf) {
      const pairing = await this.require(id);
      const [parks, industries] = await Promise.all([
        this.pairings.parksOf([id]),
        this.pairings.industriesOf([id]),
      ]);
      return toPairingResponse(pairing, parks, industries);
    }
    const pairing = await this.records.asOf(PairingEntity, id, asOf);
    if (!pairing) throw pairingNotFound(id);
    const [parkLinks, industryLinks] = await Promise.all([
      this.records.linksAsOf(PairingParkEntity, 'pairing_id', id, asOf),
      this.records.linksAsOf(PairingIndustryEntity, 'pairing_id', id, asOf),
    ]);
    const names = await this.pairings.parkNames(parkLinks.map((link) => link.parkId));
    const parks = parkLinks.map((link) => ({
      parkId: link.parkId,
      countryCode: link.countryCode,
      code: names.get(link.parkId)?.code ?? '',
      name: names.get(link.parkId)?.name ?? '',
    }));
    const industries = await this.pairings.industryTitles(
      industryLinks.map((link) => link.industryCode),
    );
    return toPairingResponse(pairing, parks, industries);
  }

  /**
   * Fields, sides and industries. Officers edit draft and returned pairings of their countries;
   * admins any, and a change of sides or industries of an approved (or submitted) pairing puts
   * it back to draft. The workflow decides under the pairing's row lock.
   */
  async update(
    id: string,
    dto: UpdatePairingDto,
    version: number,
    actor: Actor,
    context: WriteContext,
  ): Promise<PairingResponseDto> {
    const current = await this.requireLive(id);
    const [currentParks, currentIndustries] = await Promise.all([
      this.pairings.parksOf([id]),
      this.pairings.industriesOf([id]),
    ]);
    assertOnASide(actor, countriesOf(currentParks));
    let parks: SidePark[] | undefined;
    if (dto.sides) {
      assertOnASide(
        actor,
        dto.sides.map((side) => side.countryCode),
      );
      parks = await this.checkSides(dto.sides);
    }
    const industries = dto.industries ? await this.checkIndustries(dto.industries) : undefined;
    const structural =
      (parks !== undefined &&
        !sameSet(
          parks.map((p) => p.parkId),
          currentParks.map((p) => p.parkId),
        )) ||
      (industries !== undefined &&
        !sameSet(
          industries,
          currentIndustries.map((i) => i.code),
        ));
    const changes = pairingValues(dto);
    await this.transactions
      .run(context, async (manager) => {
        const locked = await this.lockLive(manager, id);
        const outcome = applyWorkflow(
          {
            state: locked.reviewState,
            sides: countriesOf(currentParks),
            submittedBy: locked.submittedBy,
            decisions: new Map(),
          },
          actor,
          { kind: 'edit', structural },
        );
        if (!outcome.ok) throw workflowRefused(outcome.refusal);
        const stateChange: PairingChanges =
          outcome.state !== locked.reviewState ? { reviewState: outcome.state } : {};
        if (
          !(await this.pairings.updateAtVersion(manager, id, version, {
            ...changes,
            ...stateChange,
          }))
        ) {
          throw staleVersion('pairing', locked.version);
        }
        const parksChanged = parks && (await this.pairings.replaceParks(manager, id, parks));
        const industriesChanged =
          industries && (await this.pairings.replaceIndustries(manager, id, industries));
        if (parksChanged || industriesChanged) {
          await this.pairings.bumpVersionForLinks(manager, id, version);
        }
      })
      .catch((error: unknown) => this.translate(error, changes.code ?? current.code));
    // A published pairing's edit (or its return to draft) changes what is public.
    if (current.reviewState === 'approved') await this.publication.publishAfter('pairing_change');
    return this.get(id);
  }

  /** draft or returned -> submitted, starting the next review round. */
  async submit(
    id: string,
    version: number | undefined,
    actor: Actor,
    context: WriteContext,
  ): Promise<PairingResponseDto> {
    await this.transactions.run(context, async (manager) => {
      const locked = await this.lockLive(manager, id, version);
      await this.step(manager, locked, actor, { kind: 'submit' }, async (outcome) => {
        await this.pairings.updateAtVersion(manager, id, locked.version, {
          reviewState: outcome.state,
          reviewRound: locked.reviewRound + 1,
          submittedBy: actor.userId,
          submittedAt: () => 'now()',
        });
        await this.desk.opened(manager, {
          ...notified(locked),
          round: locked.reviewRound + 1,
          submittedBy: actor.userId,
        });
      });
    });
    return this.get(id);
  }

  /** One reviewer's decision for their country's side in the current round. */
  async review(
    id: string,
    dto: ReviewDecisionDto,
    actor: Actor,
    context: WriteContext,
  ): Promise<PairingResponseDto> {
    // The reason of a return or reject: X-Change-Reason, else the comment.
    const reason = context.reason ?? dto.comment ?? null;
    // An approval never publishes data the IATI and OC4IDS schemas would refuse.
    if (dto.decision === 'approve') await this.publication.assertApprovable(id);
    await this.transactions
      .run({ ...context, reason }, async (manager) => {
        const locked = await this.lockLive(manager, id);
        const command: WorkflowCommand = { kind: 'decide', decision: dto.decision, reason };
        await this.step(manager, locked, actor, command, async (outcome) => {
          await this.pairings.insertReview(manager, {
            pairingId: id,
            round: locked.reviewRound,
            countryCode: outcome.side ?? '',
            decision: dto.decision,
            comment: dto.comment ?? null,
            reviewerId: actor.userId,
          });
          // A decision is a change to the pairing even when its state stays submitted.
          await this.pairings.updateAtVersion(manager, id, locked.version, {
            reviewState: outcome.state,
          });
          await this.pairings.bumpVersionForLinks(manager, id, locked.version);
          if (outcome.state !== 'submitted') {
            await this.desk.decided(
              manager,
              { ...notified(locked), round: locked.reviewRound, submittedBy: locked.submittedBy },
              outcome.state as FinalDecision,
              { countryCode: outcome.side ?? '', reason, decidedBy: actor.userId },
            );
          }
        });
      })
      .catch((error: unknown) => {
        if (constraintViolation(error)?.constraint === 'pairing_review_round_side_key') {
          throw new DomainError(
            'conflict',
            'ALREADY_DECIDED',
            'Your side has already decided in this round.',
          );
        }
        throw error;
      });
    const decided = await this.get(id);
    if (decided.reviewState === 'approved') await this.publication.publishAfter('approval');
    return decided;
  }

  /** Review rounds, oldest first: who submitted when, and each side's decision. */
  async reviews(id: string): Promise<ReviewRoundsDto> {
    const pairing = await this.require(id);
    const [reviews, submissions] = await Promise.all([
      this.pairings.reviewsOf(id),
      this.pairings.submissions(id),
    ]);
    const rounds = Array.from({ length: pairing.reviewRound }, (_, index) => {
      const round = index + 1;
      const submission = submissions.filter((s) => s.round === round).at(-1);
      return {
        round,
        submittedBy: submission?.actor ?? null,
        submittedAt: submission ? new Date(submission.at).toISOString() : null,
        decisions: reviews
          .filter((review) => review.round === round)
          .map((review) => ({
            id: review.id,
            countryCode: review.countryCode,
            decision: review.decision,
            comment: review.comment,
            reviewerId: review.reviewerId,
            decidedAt: review.decidedAt.toISOString(),
          })),
      };
    });
    return { reviewState: pairing.reviewState, rounds };
  }

  async archive(id: string, version: number, actor: Actor, context: WriteContext): Promise<void> {
    const current = await this.requireLive(id);
    if (await this.pairings.hasLiveProjects(id))
      throw stillReferenced('pairing', id, 'live projects');
    assertOnASide(actor, countriesOf(await this.pairings.parksOf([id])));
    const archived = await this.transactions.run(context, (manager) =>
      this.pairings.updateAtVersion(manager, id, version, { archivedAt: () => 'now()' }),
    );
    if (!archived) throw staleVersion('pairing', (await this.require(id)).version);
    // Archived, it leaves the next snapshot.
    if (current.reviewState === 'approved') await this.publication.publishAfter('pairing_change');
  }

  async history(id: string, query: HistoryQueryDto): Promise<ChangePageDto> {
    await this.require(id);
    return this.audit.history('pairing', id, query, [...LINKS, DOCUMENT_LINKS.pairing]);
  }

  /**
   * Undoes one earlier change as a new change, through the same rules as an edit: a field
   * change, or a park or industry added to or removed from the pairing.
   */
  async revert(
    id: string,
    changeId: string,
    actor: Actor,
    context: WriteContext,
  ): Promise<PairingResponseDto> {
    const current = await this.requireLive(id);
    const park = await this.records.planLinkRevert(
      PairingParkEntity,
      'pairing_id',
      id,
      changeId,
      'park_id',
    );
    if (park) {
      const parks = (await this.pairings.parksOf([id]))
        .map((p) => ({ parkId: p.parkId, countryCode: p.countryCode }))
        .filter((p) => p.parkId !== (park.before ?? park.after)?.parkId);
      if (park.before)
        parks.push({ parkId: park.before.parkId, countryCode: park.before.countryCode });
      return this.revertLinks(id, { sides: sideInputs(parks) }, current.version, actor, context);
    }
    const industry = await this.records.planLinkRevert(
      PairingIndustryEntity,
      'pairing_id',
      id,
      changeId,
      'industry_code',
    );
    if (industry) {
      const codes = (await this.pairings.industriesOf([id]))
        .map((i) => i.code)
        .filter((code) => code !== (industry.before ?? industry.after)?.industryCode);
      if (industry.before) codes.push(industry.before.industryCode);
      const industries = codes.map((code) => ({ code }));
      return this.revertLinks(id, { industries }, current.version, actor, context);
    }
    const plan = await this.records.planRevert(PairingEntity, id, changeId, EDITABLE);
    return this.update(id, plan.changes, plan.version, actor, context);
  }

  /** A link revert that would leave an invalid pairing (one side without parks) is refused. */
  private async revertLinks(
    id: string,
    dto: UpdatePairingDto,
    version: number,
    actor: Actor,
    context: WriteContext,
  ): Promise<PairingResponseDto> {
    if (dto.sides && dto.sides.length !== 2) {
      throw new DomainError(
        'rule_violated',
        'REVERT_UNSUPPORTED',
        'Reverting this change alone would leave a side without parks; edit the sides instead.',
      );
    }
    return this.update(id, dto, version, actor, context);
  }

  /** Applies a workflow command to the locked pairing, or throws its refusal. */
  private async step(
    manager: EntityManager,
    locked: PairingEntity,
    actor: Actor,
    command: WorkflowCommand,
    apply: (outcome: { state: PairingEntity['reviewState']; side?: string }) => Promise<void>,
  ): Promise<void> {
    const parks = await this.pairings.parksOf([locked.id], manager);
    const decisions =
      command.kind === 'decide'
        ? await this.pairings.decisions(manager, locked.id, locked.reviewRound)
        : new Map();
    const outcome = applyWorkflow(
      {
        state: locked.reviewState,
        sides: countriesOf(parks),
        submittedBy: locked.submittedBy,
        decisions,
      },
      actor,
      command,
    );
    if (!outcome.ok) throw workflowRefused(outcome.refusal);
    await apply(outcome);
  }

  private async lockLive(
    manager: EntityManager,
    id: string,
    version?: number,
  ): Promise<PairingEntity> {
    const locked = await this.pairings.lock(manager, id);
    if (!locked) throw pairingNotFound(id);
    if (locked.archivedAt) throw pairingArchived(id);
    if (version !== undefined && version !== locked.version) {
      throw staleVersion('pairing', locked.version);
    }
    return locked;
  }

  private async require(id: string): Promise<PairingEntity> {
    const pairing = await this.pairings.findById(id);
    if (!pairing) throw pairingNotFound(id);
    return pairing;
  }

  private async requireLive(id: string): Promise<PairingEntity> {
    const pairing = await this.require(id);
    if (pairing.archivedAt) throw pairingArchived(id);
    return pairing;
  }

  /** Two different countries, each with existing, live parks of that country, none twice. */
  private async checkSides(sides: readonly PairingSideInputDto[]): Promise<SidePark[]> {
    const problems: FieldError[] = [];
    if (sides[0]?.countryCode === sides[1]?.countryCode) {
      problems.push({
        path: 'sides[1].countryCode',
        message: 'the two sides must be different countries',
      });
    }
    const known = await this.pairings.parks(sides.flatMap((side) => side.parkIds));
    const seen = new Set<string>();
    const parks: SidePark[] = [];
    sides.forEach((side, i) =>
      side.parkIds.forEach((parkId, j) => {
        const path = `sides[${i}].parkIds[${j}]`;
        const park = known.get(parkId);
        if (seen.has(parkId)) problems.push({ path, message: 'is listed twice' });
        else if (!park) problems.push({ path, message: 'no such park' });
        else if (park.archived) problems.push({ path, message: 'the park is archived' });
        else if (park.countryCode !== side.countryCode) {
          problems.push({
            path,
            message: `is a park of ${park.countryCode}, not ${side.countryCode}`,
          });
        }
        seen.add(parkId);
        parks.push({ parkId, countryCode: side.countryCode });
      }),
    );
    if (problems.length) throw invalidInput(problems);
    return parks;
  }

  private async checkIndustries(items: readonly PairingIndustryInputDto[]): Promise<string[]> {
    const codes = items.map((item) => item.code);
    const unknown = await this.pairings.unknownIndustries(codes);
    const problems: FieldError[] = [];
    codes.forEach((code, index) => {
      const path = `industries[${index}].code`;
      if (codes.indexOf(code) !== index)
        problems.push({ path, message: `${code} is listed twice` });
      else if (unknown.has(code))
        problems.push({ path, message: `${code} is not an ISIC Rev.4 code` });
    });
    if (problems.length) throw invalidInput(problems);
    return codes;
  }

  private async translate(error: unknown, code: string): Promise<never> {
    if (constraintViolation(error)?.constraint === 'pairing_code_key') {
      throw pairingCodeTaken(code, await this.pairings.findIdByCode(code));
    }
    throw error;
  }
}

function countriesOf(parks: readonly { countryCode: string }[]): string[] {
  return [...new Set(parks.map((park) => park.countryCode))];
}

/** Officers act on pairings with a side in their country; admins on any. */
function assertOnASide(actor: Actor, countries: readonly string[]): void {
  if (actor.role === 'admin') return;
  if (actor.countryCode && countries.includes(actor.countryCode)) return;
  throw countryForbidden(countries.join(' or '));
}
