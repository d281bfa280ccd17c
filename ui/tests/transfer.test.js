import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  describeImportPreview, describeShareImport, exportFileName, fingerprintGroups, importFormatFromPath, svgDataUrl,
} from '../src/lib/transfer.js';

test('a fingerprint splits into groups of four whatever its spacing', () => {
  assert.deepEqual(fingerprintGroups('0123 4567 8901 2345 6789 0123'), ['0123', '4567', '8901', '2345', '6789', '0123']);
  assert.deepEqual(fingerprintGroups('012345678901-2345678901 23'), ['0123', '4567', '8901', '2345', '6789', '0123']);
  assert.deepEqual(fingerprintGroups(''), []);
});

test('the QR code becomes a data URL, and only an SVG does', () => {
  const url = svgDataUrl('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>');
  assert.match(url, /^data:image\/svg\+xml;charset=utf-8,/);
  assert.ok(!url.includes('<'), 'markup is percent-encoded');
  assert.equal(decodeURIComponent(url.split(',')[1]).endsWith('</svg>'), true);
  assert.throws(() => svgDataUrl('<script>alert(1)</script>'), TypeError);
  assert.throws(() => svgDataUrl('javascript:alert(1)'), TypeError);
});

test('import formats are guessed from the file name', () => {
  assert.equal(importFormatFromPath('/home/jo/Export - Journal.zip'), 'dayone_zip');
  assert.equal(importFormatFromPath('/home/jo/daylio_export_2026.CSV'), 'daylio_csv');
  assert.equal(importFormatFromPath('/home/jo/jrnl-export.json'), 'jrnl_json');
  assert.equal(importFormatFromPath('/home/jo/Journal.json'), 'dayone_json');
  assert.equal(importFormatFromPath('/home/jo/journal.txt'), 'jrnl_text');
  assert.equal(importFormatFromPath('/home/jo/Day One export/'), 'dayone_folder');
  assert.equal(importFormatFromPath('/home/jo/picture.png'), null);
  assert.equal(importFormatFromPath('  '), null);
});

test('export file names are safe and carry the range and extension', () => {
  assert.equal(exportFileName('journal', 'markdown', '2026-11-01', '2026-11-23'), 'wellkept-journal-2026-11-01-to-2026-11-23.md');
  assert.equal(exportFileName('Jo O\'Brien / Smith', 'pdf'), 'wellkept-jo-o-brien-smith.pdf');
  assert.equal(exportFileName('***', 'json'), 'wellkept-export.json');
});

test('a dry run is described in words, counting what is already imported', () => {
  const base = { entries: 12, with_mood: 10, first: '2026-10-01', last: '2026-10-12', already_imported: 0 };
  assert.equal(describeImportPreview(base), '12 entries from 2026-10-01 to 2026-10-12, 10 with a mood. All 12 will be added.');
  assert.match(describeImportPreview({ ...base, already_imported: 12 }), /12 are already in your journal and will be skipped, so 0 will be added/);
  assert.equal(describeImportPreview({ ...base, entries: 0 }), 'This file holds no entries.');
});

test('importing a share file twice says nothing new was added', () => {
  assert.equal(describeShareImport({ added: 3, already_had: 0 }), 'Added 3 items.');
  assert.equal(describeShareImport({ added: 1, already_had: 2 }), 'Added 1 item (2 you already had were skipped).');
  assert.match(describeShareImport({ added: 0, already_had: 3 }), /Nothing new was added/);
});
