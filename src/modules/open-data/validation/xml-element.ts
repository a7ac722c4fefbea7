import { create } from 'xmlbuilder2';

/** The part of the DOM (as xmlbuilder2 parses XML) that the checks read. */
export interface XmlElement {
  readonly nodeType: number;
  readonly localName: string;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<XmlElement>;
  getAttribute(name: string): string | null;
  getElementsByTagName(name: string): ArrayLike<XmlElement>;
}

/** Parses an XML document and answers its root element. */
export function parseXmlRoot(xml: string): XmlElement {
  return create(xml).root().node as unknown as XmlElement;
}

/** Child elements named `name` (direct children only). */
export function childElements(element: XmlElement, name: string): XmlElement[] {
  return Array.from(element.childNodes).filter(
    (node) => node.nodeType === 1 && node.localName === name,
  );
}
