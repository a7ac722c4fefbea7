import { Injectable } from '@nestjs/common';
import type { ProjectResponseDto } from '../../projects/dto/project-response.dto';
import { textField } from '../form-input';
import type { LocaleText } from '../i18n/locale';
import type { ProjectFormValues } from '../project-form';
import { isUuid, investorKey, parseInvestorKey } from './picker-keys';
import { type ParkKey, PickerQueries } from './picker-queries';

export interface ResolvedForm {
  /** The form with park, pairing and investor keys replaced by the ids they name. */
  readonly form: Record<string, unknown>;
  /** Keys that name nothing (or several things), by field. */
  readonly errors: Record<string, string>;
}

/**
 * The project form's pickers put human keys in its fields (a park code, a pairing code, an
 * investor as "Name (CC)"), and so does anyone typing without JavaScript. They become ids here,
 * before the API's own validation; an id typed as such passes through for the service to check.
 */
@Injectable()
export class FormKeys {
  constructor(private readonly queries: PickerQueries) {}

  async resolveProject(
    form: Readonly<Record<string, unknown>>,
    investorRows: number,
    text: LocaleText,
  ): Promise<ResolvedForm> {
    const resolved: Record<string, unknown> = { ...form };
    const errors: Record<string, string> = {};
    const park = textField(resolved, 'parkId');
    if (park && !isUuid(park)) {
      const found = await this.park(park);
      if (found) resolved.parkId = found.id;
      else errors.parkId = text.t('picker.unknownPark', { key: park });
    }
    const pairing = textField(resolved, 'pairingId');
    if (pairing && !isUuid(pairing)) {
      const [found] = await this.queries.pairingsByKey([pairing.toUpperCase()]);
      if (found) resolved.pairingId = found.id;
      else errors.pairingId = text.t('picker.unknownPairing', { key: pairing });
    }
    const rows = Array.from({ length: investorRows }, (_, i) => `investors[${i}].investorId`);
    await Promise.all(
      rows.map(async (field) => {
        const key = textField(resolved, field);
        if (!key || isUuid(key)) return;
        const { name, countryCode } = parseInvestorKey(key);
        const found = await this.queries.investorsNamed(name, countryCode);
        if (found.length === 1) resolved[field] = found[0].id;
        else if (found.length === 0) errors[field] = text.t('picker.unknownInvestor', { key });
        else {
          const example = investorKey(found[0].name, found[0].countryCode);
          errors[field] = text.t('picker.ambiguousInvestor', { key, example });
        }
      }),
    );
    return { form: resolved, errors };
  }

  /** A saved project's form values with keys a person reads, as the pickers would write them. */
  async readableKeys(
    project: ProjectResponseDto,
    values: ProjectFormValues,
  ): Promise<ProjectFormValues> {
    const readable: ProjectFormValues = { ...values, parkId: project.parkCode };
    if (project.pairingId) {
      const [pairing] = await this.queries.pairingsByKey([project.pairingId]);
      readable.pairingId = pairing?.code ?? project.pairingId;
    }
    project.investors.forEach((investor, i) => {
      readable[`investors[${i}].investorId`] = investorKey(investor.name, investor.countryCode);
    });
    return readable;
  }

  /**
   * The currency to offer first: the host park's country's, else the officer's own country's
   * (they log projects in their parks), else none.
   */
  async hostCurrency(parkKey: string, actorCountry: string | null): Promise<string | null> {
    const park = await this.park(parkKey);
    if (park) return park.currencyCode;
    return actorCountry ? this.queries.currencyOf(actorCountry) : null;
  }

  /** The park a field names, by id or code. */
  async park(key: string): Promise<ParkKey | null> {
    const trimmed = key.trim();
    if (!trimmed) return null;
    const [park] = await this.queries.parksByKey([
      isUuid(trimmed) ? trimmed : trimmed.toUpperCase(),
    ]);
    return park ?? null;
  }
}
