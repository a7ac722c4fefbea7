import { oc4idsCodelist } from './codelists';

interface CodedProject {
  id: string;
  status?: string;
  type?: string;
  sector?: string[];
  budget?: { amount?: { currency?: string } };
  parties?: { roles?: string[] }[];
  documents?: { documentType?: string }[];
  relatedProjects?: { scheme?: string; relationship?: string }[];
}

/** Every code in an OC4IDS package against its codelist, and the `oc4ids-` id prefix. */
export function oc4idsCodeProblems(document: { projects?: CodedProject[] }): string[] {
  const problems: string[] = [];
  const check = (id: string, field: string, list: string, code: string | undefined) => {
    if (code !== undefined && !oc4idsCodelist(list).has(code)) {
      problems.push(`${id} ${field}: "${code}" is not in ${list}`);
    }
  };
  for (const project of document.projects ?? []) {
    const id = project.id;
    if (!id.startsWith('oc4ids-')) problems.push(`${id}: id does not start with oc4ids-`);
    check(id, 'status', 'projectStatus', project.status);
    check(id, 'type', 'projectType', project.type);
    for (const sector of project.sector ?? []) check(id, 'sector', 'projectSector', sector);
    check(id, 'budget.amount.currency', 'currency', project.budget?.amount?.currency);
    for (const party of project.parties ?? []) {
      for (const role of party.roles ?? []) check(id, 'parties.roles', 'partyRole', role);
    }
    for (const doc of project.documents ?? []) {
      check(id, 'documents.documentType', 'documentType', doc.documentType);
    }
    for (const related of project.relatedProjects ?? []) {
      check(id, 'relatedProjects.scheme', 'relatedProjectScheme', related.scheme);
      check(id, 'relatedProjects.relationship', 'relatedProject', related.relationship);
    }
  }
  return problems;
}
