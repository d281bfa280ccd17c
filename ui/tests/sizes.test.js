// formatSize says sizes as the core and the command line do (cf. the Rust unit test
// `attachments::tests::sizes_read_as_a_person_would_say_them`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatSize } from '../src/lib/sizes.js';

test('sizes read as a person would say them', () => {
  assert.deepEqual([1, 812, 14540, 50 * 1024 * 1024, 3 * 1024 ** 3].map(formatSize),
    ['1 byte', '812 bytes', '14.2 KB', '50.0 MB', '3.0 GB']);
});
