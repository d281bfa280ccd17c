//! The mutation engine behind `tests/fuzz_parsers.rs`: seeded mutations of valid inputs, and a
//! runner that catches panics and keeps the input that caused one.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use rand::rngs::StdRng;
use rand::{Rng as _, SeedableRng as _};

pub const DEFAULT_ITERATIONS: u64 = 2_000;
pub const DEFAULT_SEED: u64 = 0x5745_4c4c_4b45_5054; // "WELLKEPT"

pub fn iterations() -> u64 {
    std::env::var("WELLKEPT_FUZZ_ITERATIONS").ok().and_then(|v| v.parse().ok()).unwrap_or(DEFAULT_ITERATIONS)
}

pub fn seed_for(target: &str) -> u64 {
    let base = std::env::var("WELLKEPT_FUZZ_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or(DEFAULT_SEED);
    // Each target gets its own stream, so adding a target does not change the others' inputs.
    target.bytes().fold(base, |h, b| h.rotate_left(5) ^ u64::from(b))
}

// ---------------------------------------------------------------- mutations

const INTERESTING_BYTES: &[u8] = b"\x00\xff\x7f\x80\x01\"{}[],:\\\n\r|-@#*<>&";
const INTERESTING_U64: &[u64] = &[
    0,
    1,
    2,
    7,
    8,
    63,
    64,
    255,
    256,
    65_535,
    65_536,
    65_537,
    u32::MAX as u64,
    u64::MAX,
    u64::MAX - 1,
    1 << 31,
    1 << 32,
    64 << 20,
];

/// Applies one to four random mutations. `length_fields` lists (offset, width) of known length
/// fields, which are overwritten with boundary values more often than chance would.
pub fn mutate(input: &[u8], rng: &mut StdRng, length_fields: &[(usize, usize)]) -> Vec<u8> {
    let mut data = input.to_vec();
    for _ in 0..rng.gen_range(1..=4) {
        let len = data.len();
        match rng.gen_range(0..8) {
            0 if len > 0 => {
                let at = rng.gen_range(0..len);
                data[at] ^= 1 << rng.gen_range(0..8);
            }
            1 if len > 0 => {
                let at = rng.gen_range(0..len);
                data[at] = INTERESTING_BYTES[rng.gen_range(0..INTERESTING_BYTES.len())];
            }
            2 => data.truncate(rng.gen_range(0..=len)),
            3 => {
                let at = rng.gen_range(0..=len);
                let count = rng.gen_range(1..=16);
                let bytes: Vec<u8> = (0..count).map(|_| rng.r#gen()).collect();
                data.splice(at..at, bytes);
            }
            4 if len > 1 => {
                let start = rng.gen_range(0..len);
                let end = rng.gen_range(start..=len.min(start + 64));
                data.drain(start..end);
            }
            5 if len > 1 => {
                let start = rng.gen_range(0..len);
                let end = rng.gen_range(start..=len.min(start + 64));
                let chunk = data[start..end].to_vec();
                let at = rng.gen_range(0..=len);
                data.splice(at..at, chunk);
            }
            6 => {
                // A known length field if there is one, else any 2-, 4- or 8-byte window.
                let (at, width) = match length_fields {
                    [] => (rng.gen_range(0..=len), [2, 4, 8][rng.gen_range(0..3)]),
                    fields => fields[rng.gen_range(0..fields.len())],
                };
                let value = INTERESTING_U64[rng.gen_range(0..INTERESTING_U64.len())];
                let bytes = if rng.gen_bool(0.5) { value.to_be_bytes() } else { value.to_le_bytes() };
                let slice = if bytes[0] == 0 || rng.gen_bool(0.5) { &bytes[8 - width..] } else { &bytes[..width] };
                for (i, b) in slice.iter().enumerate() {
                    if let Some(target) = data.get_mut(at + i) {
                        *target = *b;
                    }
                }
            }
            _ if len > 0 => {
                // Swap a digit for another: dates, times and counts in text formats.
                let digits: Vec<usize> =
                    data.iter().enumerate().filter(|(_, b)| b.is_ascii_digit()).map(|(i, _)| i).collect();
                if let Some(&at) = digits.get(rng.gen_range(0..digits.len().max(1))) {
                    data[at] = b'0' + rng.gen_range(0..10);
                }
            }
            _ => data.push(rng.r#gen()),
        }
    }
    data
}

/// Runs `check` on `iterations()` mutants of the seeds; a panic saves the input and fails.
/// `length_fields` tells where a seed's length fields are (none for text formats).
pub fn fuzz(target: &str, seeds: &[Vec<u8>], length_fields: fn(&[u8]) -> Vec<(usize, usize)>, check: impl Fn(&[u8])) {
    let mut rng = StdRng::seed_from_u64(seed_for(target));
    for iteration in 0..iterations() {
        let seed = &seeds[rng.gen_range(0..seeds.len())];
        let input = mutate(seed, &mut rng, &length_fields(seed));
        if catch_unwind(AssertUnwindSafe(|| check(&input))).is_err() {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-crashes");
            let path = dir.join(format!("{target}-{iteration}.bin"));
            let saved = std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&path, &input));
            panic!("{target}: iteration {iteration} panicked; input saved: {} ({saved:?})", path.display());
        }
    }
}

/// For formats without binary length fields.
pub fn no_length_fields(_: &[u8]) -> Vec<(usize, usize)> {
    Vec::new()
}

/// Size, count and offset fields of a zip archive's local headers, central directory and end
/// record (PKWARE APPNOTE 4.3.7, 4.3.12, 4.3.16).
pub fn zip_length_fields(zip: &[u8]) -> Vec<(usize, usize)> {
    let mut fields = Vec::new();
    for at in 0..zip.len().saturating_sub(4) {
        match &zip[at..at + 4] {
            b"PK\x03\x04" => fields.extend([(at + 18, 4), (at + 22, 4), (at + 26, 2), (at + 28, 2)]),
            b"PK\x01\x02" => {
                fields.extend([(at + 20, 4), (at + 24, 4), (at + 28, 2), (at + 30, 2), (at + 32, 2), (at + 42, 4)])
            }
            b"PK\x05\x06" => fields.extend([(at + 8, 2), (at + 10, 2), (at + 12, 4), (at + 16, 4), (at + 20, 2)]),
            _ => {}
        }
    }
    fields
}
