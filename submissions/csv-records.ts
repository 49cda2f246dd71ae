// CSV files of records for POST /submissions: a header row of attribute names (plus `uscc`, or
// `personIdNumber` where the indicator allows), then one record a line. Cells are text; they are
// typed by the catalogue (integers and years as numbers, lists split on ';'); an empty cell is an
// absent attribute. The validation that follows is the same as for NDJSON and JSON.
// Parsing is csv-parse's (quotes, escaped quotes, BOM); a record may not span lines.
import { parse } from 'csv-parse/sync';
import type { IndicatorSpec } from '../schema/catalogue';

/** One line of a submitted file: a header, the record it holds, or why it holds none. */
export type DecodedLine = { kind: 'header' } | { kind: 'record'; record: unknown } | { kind: 'bad'; message: string };

const INTEGER = /^-?\d+$/;

export class CsvRecords {
  private header: string[] | undefined;
  private readonly types: Map<string, { type: string; list: boolean }>;

  constructor(indicator: IndicatorSpec) {
    this.types = new Map(indicator.attributes.map((a) => [a.name, { type: a.type, list: a.list ?? false }]));
  }

  line(text: string): DecodedLine {
    let cells: string[];
    try {
      const rows: string[][] = parse(text.replace(/^\uFEFF/, ''));
      cells = rows[0] ?? [];
    } catch (err) {
      return { kind: 'bad', message: `the line is not valid CSV: ${err instanceof Error ? err.message.replace(/ at line \d+.*$/, '') : 'unreadable'}` };
    }
    if (!this.header) {
      this.header = cells.map((c) => c.trim());
      return { kind: 'header' };
    }
    if (cells.length !== this.header.length) return { kind: 'bad', message: `the line has ${cells.length} cells, the header ${this.header.length}` };
    // own properties whatever the header says (a column named __proto__ is an unknown attribute, not a prototype)
    const filled = this.header.map((name, i) => [name, (cells[i] ?? '').trim()] as const).filter(([, cell]) => cell !== '');
    const record = Object.fromEntries(filled.map(([name, cell]) => [name, this.typed(name, cell)]));
    return { kind: 'record', record };
  }

  private typed(name: string, cell: string): unknown {
    const spec = this.types.get(name);
    if (!spec) return cell;
    const one = (v: string) => ((spec.type === 'Int' || spec.type === 'Year') && INTEGER.test(v) ? Number(v) : v);
    return spec.list ? cell.split(';').map((v) => one(v.trim())) : one(cell);
  }
}
