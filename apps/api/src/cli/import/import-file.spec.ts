import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CliError } from '../cli-support';
import { readImportFile } from './import-file';

describe('readImportFile', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-file-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, bytes: Buffer) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes);
    return file;
  };
  const HEADER = 'externalId,name,kind,grade\r\n';

  it('refuses a file that is not UTF-8, naming the first line that is not, instead of importing "�"', () => {
    const latin1 = Buffer.concat([
      Buffer.from(`${HEADER}amnesty,Amnesty International,NGO,B\r\n`, 'utf8'),
      Buffer.from('cafe,Caf\xe9 Lat\xedn Org,NGO,C\r\n', 'latin1'),
    ]);
    for (const file of [
      write('sources.csv', latin1),
      write('sources.json', Buffer.from('[{"name":"Caf\xe9"}]', 'latin1')),
    ]) {
      let thrown: unknown;
      try {
        readImportFile(file);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(CliError);
      expect((thrown as CliError).message).toMatch(file.endsWith('.csv') ? /not UTF-8.*line 3/ : /not UTF-8.*line 1/);
    }
  });

  it('reads UTF-8 with a byte-order mark, CRLF, accents and a U+FFFD written on purpose, as they are', () => {
    const text = `\ufeff${HEADER}cafe,Café Latín Org \ufffd,NGO,C\r\n`;
    const { kind, rows } = readImportFile(write('sources.csv', Buffer.from(text, 'utf8')));
    expect(kind).toBe('sources');
    expect(rows).toEqual([
      { line: 2, cells: { externalId: 'cafe', name: 'Café Latín Org \ufffd', kind: 'NGO', grade: 'C' } },
    ]);
  });
});
