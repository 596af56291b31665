/**
 * Writes plain data as block-style YAML, the way corpus files are written by hand: plain
 * scalars where they are safe, double quotes elsewhere, flow style only for lists of scalars.
 */

type Value = string | number | boolean | null | undefined | readonly Value[] | { readonly [k: string]: Value };

const PLAIN = /^[\p{L}][\p{L}\p{N} ,.()«»'’-]*$/u;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const RESERVED = /^(?:true|false|null|yes|no|on|off|y|n)$/i;

function scalar(v: string | number | boolean | null): string {
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null) return 'null';
  if (DATE.test(v)) return v;
  if (PLAIN.test(v) && !RESERVED.test(v) && !v.endsWith(' ') && !v.includes(' -')) return v;
  return JSON.stringify(v);
}

function isScalar(v: Value): v is string | number | boolean | null {
  return v === null || typeof v !== 'object';
}

/** Appends the lines of a mapping at `indent`; the first line starts with `first` instead of spaces. */
function mapping(obj: { readonly [k: string]: Value }, indent: number, first: string, out: string[]): void {
  const pad = ' '.repeat(indent);
  let lead = first;
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined) continue;
    if (isScalar(v)) {
      out.push(`${lead}${k}: ${scalar(v)}`);
    } else if (Array.isArray(v)) {
      const list = v as readonly Value[];
      if (list.length === 0) {
        out.push(`${lead}${k}: []`);
      } else if (list.every(isScalar)) {
        out.push(`${lead}${k}: [${list.map((x) => scalar(x as string | number)).join(', ')}]`);
      } else {
        out.push(`${lead}${k}:`);
        for (const item of list) {
          if (isScalar(item)) out.push(`${pad}  - ${scalar(item)}`);
          else mapping(item as { readonly [k: string]: Value }, indent + 4, `${pad}  - `, out);
        }
      }
    } else {
      out.push(`${lead}${k}:`);
      mapping(v as { readonly [k: string]: Value }, indent + 2, `${pad}  `, out);
    }
    lead = pad;
  }
}

/** A YAML sequence of mappings (a corpus file's body). */
export function yamlSequence(items: readonly { readonly [k: string]: Value }[], header = ''): string {
  const out: string[] = header ? [header] : [];
  for (const item of items) {
    mapping(item, 2, '- ', out);
    out.push('');
  }
  return out.join('\n');
}

export type { Value as YamlValue };
