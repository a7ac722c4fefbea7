import type { ProjectResponseDto } from '../projects/dto/project-response.dto';
import type { FieldSpec } from './record-form';
import { locationFromForm, locationValues } from './maps/location-form';

/** Rows offered for sectors and investors on the form (more can be added by saving again). */
export const SECTOR_ROWS = 5;
export const INVESTOR_ROWS = 4;

/** The project's own fields as the form shows them; sectors and investors are rows. */
export const PROJECT_FIELDS: readonly FieldSpec[] = [
  { name: 'title' },
  { name: 'parkId' },
  { name: 'pairingId', nullable: true },
  { name: 'type' },
  { name: 'stage' },
  { name: 'announcedOn', nullable: true },
  { name: 'signedOn', nullable: true },
  { name: 'constructionStartOn', nullable: true },
  { name: 'operationalOn', nullable: true },
  { name: 'jobsPlanned', kind: 'int', nullable: true },
  { name: 'jobsActual', kind: 'int', nullable: true },
  { name: 'description', nullable: true },
  { name: 'note', nullable: true },
];

export type ProjectFormValues = Record<string, string>;

function text(form: Readonly<Record<string, unknown>>, name: string): string {
  const value = form[name];
  return typeof value === 'string' ? value.trim() : '';
}

/** A number where the text is one; the text itself otherwise, for the API to name. */
function numberOrText(value: string): number | string {
  return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
}

/** The JSON body a project form stands for (the shape of POST and PATCH /api/v1/projects). */
export function projectBody(form: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const spec of PROJECT_FIELDS) {
    const value = text(form, spec.name);
    if (value === '') body[spec.name] = spec.nullable ? null : '';
    else body[spec.name] = spec.kind === 'int' ? numberOrText(value) : value;
  }
  const amount = text(form, 'investment.amount');
  const currency = text(form, 'investment.currency').toUpperCase();
  // A currency alone is no investment (the list may have preselected the host's currency).
  body.investment = amount === '' ? null : { amount, currency };
  const sectors: Record<string, unknown>[] = [];
  for (let i = 0; i < SECTOR_ROWS; i += 1) {
    const code = text(form, `sectors[${i}].code`).toUpperCase();
    const percentage = text(form, `sectors[${i}].percentage`);
    if (code === '' && percentage === '') continue;
    sectors.push({ code, percentage: numberOrText(percentage) });
  }
  body.sectors = sectors;
  const investors: Record<string, unknown>[] = [];
  for (let i = 0; i < INVESTOR_ROWS; i += 1) {
    const investorId = text(form, `investors[${i}].investorId`);
    if (investorId === '') continue;
    const share = text(form, `investors[${i}].sharePct`);
    investors.push({
      investorId,
      role: text(form, `investors[${i}].role`),
      sharePct: share === '' ? null : numberOrText(share),
    });
  }
  body.investors = investors;
  body.location = locationFromForm(form, { subdivision: true });
  return body;
}

/** Every field of the form as typed, to show again after a refusal. */
export function typedProjectValues(form: Readonly<Record<string, unknown>>): ProjectFormValues {
  const values: ProjectFormValues = {};
  for (const [name, value] of Object.entries(form)) {
    if (typeof value === 'string') values[name] = value;
  }
  return values;
}

/** A saved project in form shape. */
export function projectFormValues(project: ProjectResponseDto): ProjectFormValues {
  const values: ProjectFormValues = {};
  for (const spec of PROJECT_FIELDS) {
    const value = (project as unknown as Record<string, unknown>)[spec.name];
    values[spec.name] = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  }
  values['investment.amount'] = project.investment?.amount ?? '';
  values['investment.currency'] = project.investment?.currency ?? '';
  project.sectors.forEach((sector, i) => {
    values[`sectors[${i}].code`] = sector.code;
    values[`sectors[${i}].percentage`] = sector.percentage;
  });
  project.investors.forEach((investor, i) => {
    values[`investors[${i}].investorId`] = investor.investorId;
    values[`investors[${i}].role`] = investor.role;
    values[`investors[${i}].sharePct`] = investor.sharePct ?? '';
  });
  return { ...values, ...locationValues(project.location) };
}
