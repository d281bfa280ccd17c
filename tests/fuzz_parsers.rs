//! A deterministic, seeded mutation fuzzer for everything that parses untrusted bytes: the share
//! bundle opener, contact cards, each importer (with Day One's media lists and paths), the
//! vault's change-log reader (journal header, frames, record decoder), the attachment reader and
//! the PDF export's JPEG/PNG reader. cargo-fuzz needs a nightly toolchain, which
//! this project does not pin, so this harness runs in the ordinary test suite with a bounded
//! number of iterations per target (`WELLKEPT_FUZZ_ITERATIONS`, default 2,000) from a fixed seed
//! (`WELLKEPT_FUZZ_SEED`), so CI failures reproduce exactly.
//!
//! Each target starts from valid inputs (the fixtures in `tests/fixtures/import/` and
//! `tests/fixtures/exchange/`, and a freshly sealed bundle), applies a few random mutations (bit flips, interesting bytes, truncation,
//! insertion, deletion, duplication, and overwriting length fields), and feeds the result to the
//! parser. A panic fails the test and leaves the input in `target/fuzz-crashes/`; such inputs
//! are kept in `tests/fixtures/fuzz-regressions/` and replayed by `regressions_replay_cleanly`.
//! The mutation engine lives in `tests/fuzz_support/`.

mod fuzz_support;

use std::path::{Path, PathBuf};

use base64::Engine as _;
use chrono::FixedOffset;
use ed25519_dalek::{Signer as _, SigningKey};
use fuzz_support::{fuzz, no_length_fields, zip_length_fields};
use secrecy::{ExposeSecret as _, SecretString};
use uuid::Uuid;
use wellkept::exchange::items::{Homework, JournalEntry, MoodCheckIn};
use wellkept::exchange::{
    BundleContent, BundleKind, ConfirmedContact, ContactCard, ExchangeError, ExchangeIdentity, SharedItem, open_bundle,
    seal_bundle,
};
use wellkept::import::{ImportBatch, ImportError, LocalTime, daylio, dayone, jrnl};
use wellkept::keys::VaultKey;
use wellkept::vault::fuzzing::{
    ChangeLogReading, decode_record, read_change_log, sample_change_log, sample_record_json,
};

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {}: {e}", path.display()))
}

fn utc() -> LocalTime {
    LocalTime::Fixed(FixedOffset::east_opt(0).expect("zero offset is valid"))
}

/// What every importer result must satisfy: an error with a message, or a consistent batch.
fn check_import(result: Result<ImportBatch, ImportError>) {
    match result {
        Err(error) => assert!(!error.to_string().is_empty()),
        Ok(batch) => {
            assert!(!batch.entries.is_empty(), "an import without entries must be an error");
            assert_eq!(batch.report.entries, batch.entries.len());
            let mut ids: Vec<&str> = batch.entries.iter().map(|e| e.source_id.as_str()).collect();
            ids.sort_unstable();
            ids.dedup();
            assert_eq!(ids.len(), batch.entries.len(), "source ids are unique within a batch");
            assert!(batch.entries.windows(2).all(|w| w[0].created_at <= w[1].created_at));
            assert!(
                batch
                    .entries
                    .iter()
                    .all(|e| { e.mood.as_ref().is_none_or(|m| m.score.is_none_or(|s| (1..=5).contains(&s))) })
            );
            // Day One media: a path inside the export's media folders, named by a hex digest, or
            // none (then listed as missing); the attachment's name never holds a folder.
            for media in batch.entries.iter().flat_map(|e| &e.media) {
                let ok_path = media.path.is_empty()
                    || media.path.split_once('/').is_some_and(|(folder, file)| {
                        ["photos", "audios", "videos", "pdfs"].contains(&folder)
                            && file.split_once('.').is_some_and(|(md5, ext)| {
                                md5.len() == 32
                                    && md5.bytes().all(|b| b.is_ascii_hexdigit())
                                    && (1..=10).contains(&ext.len())
                                    && ext.bytes().all(|b| b.is_ascii_alphanumeric())
                            })
                    });
                assert!(ok_path, "{media:?}");
                assert!(!media.name.contains(['/', '\\']), "{media:?}");
                assert!(media.path.is_empty() == media.missing.is_some() || media.missing.is_some(), "{media:?}");
            }
        }
    }
}

// ---------------------------------------------------------------- importers

#[test]
fn fuzz_day_one_zip() {
    let seeds = [fixture("dayone-export-two-journals.zip")];
    fuzz("dayone-zip", &seeds, zip_length_fields, |input| {
        check_import(dayone::read_zip_bytes("fuzz.zip", input, utc()))
    });
}

#[test]
fn fuzz_day_one_json() {
    let seeds = [
        fixture("dayone-export-two-journals/Journal.json"),
        fixture("dayone-export-two-journals/Work.json"),
        // Media lists of every kind (photos, audios), as Day One's schema has them.
        fixture("dayone-export-real-shapes/Journal.json"),
    ];
    fuzz("dayone-json", &seeds, no_length_fields, |input| {
        check_import(dayone::parse_journals(&[("fuzz.json".to_owned(), input.to_vec())], utc()));
    });
}

#[test]
fn fuzz_jrnl_json() {
    let seeds = [fixture("jrnl-export-four-entries.json")];
    fuzz("jrnl-json", &seeds, no_length_fields, |input| check_import(jrnl::parse_json("fuzz.json", input, utc())));
}

#[test]
fn fuzz_jrnl_text() {
    let seeds = [fixture("jrnl-journal-four-entries.txt"), fixture("jrnl-journal-old-style-dates.txt")];
    fuzz("jrnl-text", &seeds, no_length_fields, |input| check_import(jrnl::parse_text("fuzz.txt", input, utc())));
}

#[test]
fn fuzz_daylio_csv() {
    let seeds = [fixture("daylio-export-six-moods.csv"), fixture("daylio-export-24h-without-note-title.csv")];
    fuzz("daylio-csv", &seeds, no_length_fields, |input| check_import(daylio::parse_csv("fuzz.csv", input, utc())));
}

// ---------------------------------------------------------------- exchange

struct Pair {
    mentor: ExchangeIdentity,
    client: ExchangeIdentity,
    contacts: Vec<ConfirmedContact>,
}

/// The test-only mentor and client from `tests/fixtures/exchange/`, so every run fuzzes the
/// same bytes.
fn pair() -> Pair {
    let identity = |name: &str| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/exchange").join(name);
        let secret = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("fixture {}: {e}", path.display()));
        ExchangeIdentity::from_secret_string(&SecretString::from(secret.trim().to_owned())).expect("stored identity")
    };
    let mentor = identity("test-only-mentor.identity");
    let client = identity("test-only-client.identity");
    let card = mentor.contact_card("Mentor").expect("valid name");
    Pair { contacts: vec![ConfirmedContact::confirm(card, chrono::DateTime::UNIX_EPOCH)], mentor, client }
}

/// The bundle sealed by an earlier build, stored as a fixture.
fn stored_bundle() -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/exchange/mentor-to-client-action-plan-homework-safety-plan-v2.wkbundle");
    std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {}: {e}", path.display()))
}

fn share() -> BundleContent {
    BundleContent::new(
        BundleKind::FromClient,
        "Jo",
        vec![
            SharedItem::JournalEntry(JournalEntry {
                id: Uuid::now_v7(),
                created_at: chrono::DateTime::UNIX_EPOCH,
                title: Some("Monday".into()),
                text: "Walked to work.".into(),
                prompt: None,
                tags: vec!["walk".into()],
            }),
            SharedItem::MoodCheckIn(MoodCheckIn {
                id: Uuid::now_v7(),
                recorded_at: chrono::DateTime::UNIX_EPOCH,
                score: 4,
                label: Some("calm".into()),
                note: None,
            }),
            SharedItem::Homework(Homework {
                id: Uuid::now_v7(),
                title: "Diary".into(),
                instructions: "Daily.".into(),
                assigned_at: chrono::DateTime::UNIX_EPOCH,
                due: None,
            }),
        ],
    )
}

/// The bundle's length fields, per docs/exchange-format.md: header length, ciphertext length.
fn bundle_length_fields(bundle: &[u8]) -> Vec<(usize, usize)> {
    let header_len = u32::from_be_bytes(bundle[42..46].try_into().expect("4 bytes")) as usize;
    vec![(8, 2), (42, 4), (46 + header_len, 8)]
}

#[test]
fn fuzz_bundle_opener() {
    let pair = pair();
    let card = pair.client.contact_card("Jo").expect("valid name");
    // The stored bundle makes the run reproducible; a fresh one covers today's sealing code.
    let seeds = [stored_bundle(), seal_bundle(&share(), &pair.mentor, &card).expect("sealable")];
    assert!(open_bundle(&seeds[1], &pair.client, &pair.contacts).is_ok(), "a fresh bundle opens");
    assert!(open_bundle(&seeds[0], &pair.client, &pair.contacts).is_ok(), "the unmutated bundle opens");
    fuzz("bundle", &seeds, bundle_length_fields, |input| {
        let result = open_bundle(input, &pair.client, &pair.contacts);
        if !seeds.iter().any(|seed| seed.as_slice() == input) {
            let error = result.expect_err("no changed bundle may open");
            assert!(!error.to_string().is_empty());
        }
    });
}

/// Builds and signs a bundle exactly as docs/exchange-format.md describes, independently of
/// `seal_bundle`, so a hostile *confirmed* contact's malformed header or contents can be fuzzed.
fn sign_raw(signer: &SigningKey, header: &[u8], ciphertext: &[u8]) -> Vec<u8> {
    let mut bytes = b"WKBUNDLE".to_vec();
    bytes.extend_from_slice(&2u16.to_be_bytes());
    bytes.extend_from_slice(signer.verifying_key().as_bytes());
    bytes.extend_from_slice(&(header.len() as u32).to_be_bytes());
    bytes.extend_from_slice(header);
    bytes.extend_from_slice(&(ciphertext.len() as u64).to_be_bytes());
    bytes.extend_from_slice(ciphertext);
    let mut message = b"wellkept-bundle-signature-1\0".to_vec();
    message.extend_from_slice(&bytes);
    bytes.extend_from_slice(&signer.sign(&message).to_bytes());
    bytes
}

fn signing_key(identity: &ExchangeIdentity) -> SigningKey {
    let secret = identity.to_secret_string();
    let seed = secret.expose_secret().split(' ').nth(2).expect("documented three-word form");
    let seed: [u8; 32] =
        base64::engine::general_purpose::STANDARD.decode(seed).expect("base64 seed").try_into().expect("32-byte seed");
    SigningKey::from_bytes(&seed)
}

#[test]
fn fuzz_signed_header_and_contents_from_a_confirmed_contact() {
    let pair = pair();
    let signer = signing_key(&pair.mentor);
    let content = share();
    let header = serde_json::to_vec(&serde_json::json!({
        "bundle_id": content.id,
        "recipient": pair.client.recipient().to_string(),
        "created_at": content.created_at,
    }))
    .expect("serialisable");
    // Format 2's plaintext: the maker's key (hex) and the contents.
    let sender_key: String = signer.verifying_key().as_bytes().iter().map(|b| format!("{b:02x}")).collect();
    let plaintext =
        serde_json::to_vec(&serde_json::json!({"sender_key": sender_key, "contents": content})).expect("serialisable");
    let encrypt = |plain: &[u8]| age::encrypt(&pair.client.recipient(), plain).expect("encrypts");

    // The documented layout, built independently, opens: the doc and the code agree.
    let reference = sign_raw(&signer, &header, &encrypt(&plaintext));
    let opened = open_bundle(&reference, &pair.client, &pair.contacts).expect("documented layout opens");
    assert_eq!(opened.content, content);

    fuzz("bundle-signed-contents", std::slice::from_ref(&plaintext), no_length_fields, |mutant| {
        let bundle = sign_raw(&signer, &header, &encrypt(mutant));
        match open_bundle(&bundle, &pair.client, &pair.contacts) {
            Ok(verified) => assert!(verified.content.validate().is_ok()),
            Err(error) => assert!(
                matches!(error, ExchangeError::BadContents { .. } | ExchangeError::SenderMismatch { .. }),
                "{error:?}"
            ),
        }
    });
    let ciphertext = encrypt(&plaintext);
    fuzz("bundle-signed-header", std::slice::from_ref(&header), no_length_fields, |mutant| {
        if mutant.is_empty() || mutant.len() > 65_536 {
            return;
        }
        let bundle = sign_raw(&signer, mutant, &ciphertext);
        match open_bundle(&bundle, &pair.client, &pair.contacts) {
            Ok(_) => {}
            Err(error) => assert!(
                matches!(error, ExchangeError::BadContents { .. } | ExchangeError::WrongRecipient { .. }),
                "{error:?}"
            ),
        }
    });
}

#[test]
fn fuzz_contact_cards() {
    let card = pair().mentor.contact_card("Alex Ödman").expect("valid name");
    let seeds = [card.to_text().into_bytes()];
    fuzz("contact-card", &seeds, no_length_fields, |input| {
        let text = String::from_utf8_lossy(input);
        if let Ok(parsed) = ContactCard::from_text(&text) {
            // Check digits make an accepted change to the keys vanishingly unlikely.
            assert_eq!(parsed.fingerprint(), card.fingerprint(), "{text}");
        }
    });
}

// ---------------------------------------------------------------- change log (vault journal)

/// The test-only vault key in `tests/fixtures/journal/`: every run fuzzes logs under the same
/// key, so a saved crash input (and the `change-log-…` regressions) replay exactly.
fn test_only_vault_key() -> VaultKey {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/journal/test-only-vault.key");
    let secret = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("fixture {}: {e}", path.display()));
    VaultKey::from_secret(&SecretString::from(secret), "test key").expect("a valid age identity")
}

/// Length and sequence fields of a change log, per docs/vault-format.md: the header's base
/// sequence number, then each frame's length and its check.
fn change_log_length_fields(log: &[u8]) -> Vec<(usize, usize)> {
    const HEADER_LEN: usize = 96;
    let mut fields = vec![(24, 8)];
    let mut pos = HEADER_LEN;
    while let Some(len) = log.get(pos..pos + 4) {
        fields.extend([(pos, 4), (pos + 4, 4)]);
        pos += 8 + u32::from_le_bytes(len.try_into().expect("4 bytes")) as usize;
    }
    fields
}

/// What any reading of a change log must satisfy, whatever was done to its bytes: refused as
/// damage, or records that continue their snapshot one by one (no record can be forged without
/// the key, so they are a prefix of what was written), ending where the reader says.
fn check_change_log(input: &[u8], reading: wellkept::Result<ChangeLogReading>, bases: &[u64]) {
    match reading {
        Err(error) => assert_eq!(error.kind(), "damaged", "{error}"),
        Ok(reading) => {
            if let Some(first) = reading.seqs.first() {
                assert!(bases.iter().any(|b| b.checked_add(1) == Some(*first)), "{:?}", reading.seqs);
                assert!(reading.seqs.windows(2).all(|w| w[1] == w[0] + 1), "{:?}", reading.seqs);
            }
            assert!(reading.good_len <= input.len() as u64);
            if !reading.torn_tail {
                assert_eq!(reading.good_len, input.len() as u64, "a clean read ends at the end of the file");
            }
        }
    }
}

#[test]
fn fuzz_change_log_header() {
    let key = test_only_vault_key();
    // Headers alone (a freshly compacted generation), so every mutation lands in the header.
    let seeds = [sample_change_log(&key, 0, 0).expect("encode"), sample_change_log(&key, 41, 0).expect("encode")];
    for seed in &seeds {
        assert_eq!(read_change_log(seed, &key).expect("a fresh header reads").seqs, Vec::<u64>::new());
    }
    fuzz("change-log-header", &seeds, change_log_length_fields, |input| {
        let reading = read_change_log(input, &key);
        if reading.is_ok() {
            // The header is authenticated: only the two real ones, whatever follows them.
            assert!(seeds.iter().any(|seed| input.starts_with(seed)), "a changed header was accepted");
        }
        check_change_log(input, reading, &[0, 41]);
    });
}

#[test]
fn fuzz_change_log_frames() {
    let key = test_only_vault_key();
    let seeds = [sample_change_log(&key, 0, 3).expect("encode"), sample_change_log(&key, 41, 1).expect("encode")];
    assert_eq!(read_change_log(&seeds[0], &key).expect("reads").seqs, vec![1, 2, 3]);
    assert_eq!(read_change_log(&seeds[1], &key).expect("reads").seqs, vec![42]);
    fuzz("change-log-frames", &seeds, change_log_length_fields, |input| {
        check_change_log(input, read_change_log(input, &key), &[0, 41]);
    });
}

/// The record decoder runs only on bytes whose MAC verified, so only a key holder reaches it;
/// it is fuzzed directly. An accepted record must have been JSON and name only the program's
/// statements (a mutated statement text is refused as damage).
#[test]
fn fuzz_change_record_decoder() {
    let seeds = [sample_record_json(1), sample_record_json(987_654_321)];
    assert_eq!(decode_record(&seeds[1]).expect("a real record decodes"), 987_654_321);
    fuzz("change-record", &seeds, no_length_fields, |input| match decode_record(input) {
        Ok(_) => assert!(serde_json::from_slice::<serde_json::Value>(input).is_ok()),
        Err(error) => assert_eq!(error.kind(), "damaged", "{error}"),
    });
}

// ---------------------------------------------------------------- attachments

/// The attachment reader (`attachments::open_sealed`) runs on a file anyone who can write the
/// vault folder controls. Seeded with a PNG sealed under the test-only vault key
/// (`tests/fixtures/attachments/`): every mutation is refused as damage — truncated, flipped,
/// re-framed — and only the unchanged file opens, to its exact bytes. Never a panic.
#[test]
fn fuzz_attachment_reader() {
    let key = test_only_vault_key();
    let naming = wellkept::attachments::NamingKey::from_bytes([9; 32]);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/attachments");
    let plain = std::fs::read(dir.join("test-only-photo.png")).expect("fixture");
    let sealed = std::fs::read(dir.join("test-only-photo.png.age")).expect("fixture");
    let content_id = naming.content_id(&plain);
    assert_eq!(wellkept::attachments::open_sealed(&key, &naming, &sealed, &content_id).expect("opens"), plain);
    fuzz(
        "attachment",
        std::slice::from_ref(&sealed),
        no_length_fields,
        |input| match wellkept::attachments::open_sealed(&key, &naming, input, &content_id) {
            Ok(bytes) => assert_eq!(bytes, plain, "only the real content is ever returned"),
            Err(error) => assert_eq!(error.kind(), "damaged", "{error}"),
        },
    );
}

/// The PDF export's image reader (`export::pdf::image`, reached through
/// `export::fuzzing::pdf_image`) runs on an attached photo's bytes, which whoever attached the
/// file (or wrote the Day One export) chose. Seeded with PNGs of every colour type, bit depth,
/// palette transparency and interlacing, and a real JPEG; chunk lengths, IHDR sizes and JPEG
/// segment lengths and frame sizes are overwritten with boundary values, and every mutated PNG is
/// also read again with its chunk CRCs repaired, so a mutated header reaches the size checks
/// instead of stopping at the CRC. Each result is an image within the 40-megapixel limit or one of
/// the reasons the PDF prints after the file's name; never a panic.
#[test]
fn fuzz_pdf_image_decoder() {
    use wellkept::export::fuzzing::{REASONS, pdf_image};
    let check = |media_type: &str, input: &[u8]| match pdf_image(media_type, input) {
        Ok(image) => {
            assert!(image.width > 0 && image.height > 0, "{image:?}");
            assert!(u64::from(image.width) * u64::from(image.height) <= 40_000_000, "{image:?}");
            assert!(matches!(image.components, 1 | 3), "{image:?}");
            assert_eq!(image.jpeg, media_type == "image/jpeg");
        }
        Err(reason) => assert!(REASONS.contains(&reason), "a reason the PDF can print: {reason}"),
    };
    let pngs = png_seeds();
    for seed in &pngs {
        assert!(pdf_image("image/png", seed).is_ok(), "every PNG seed is shown");
    }
    fuzz("pdf-image-png", &pngs, png_length_fields, |input| {
        check("image/png", input);
        check("image/png", &with_png_crcs_repaired(input));
        check("image/jpeg", input);
    });
    let jpeg = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/attachments/python-16x16.jpg"))
        .expect("fixture");
    assert!(pdf_image("image/jpeg", &jpeg).is_ok(), "the JPEG seed is shown");
    fuzz("pdf-image-jpeg", std::slice::from_ref(&jpeg), jpeg_length_fields, |input| {
        check("image/jpeg", input);
        check("image/png", input);
    });
}

/// Small valid PNGs: grey, grey+alpha, RGB, RGBA, palette with and without tRNS, 1, 2, 4, 8 and
/// 16 bits, one interlaced (Adam7), one with a text chunk.
fn png_seeds() -> Vec<Vec<u8>> {
    use png::{BitDepth, ColorType};
    let encode = |w: u32, h: u32, color: ColorType, depth: BitDepth, palette: Option<(&[u8], &[u8])>| {
        let bits = match depth {
            BitDepth::One => 1,
            BitDepth::Two => 2,
            BitDepth::Four => 4,
            BitDepth::Eight => 8,
            BitDepth::Sixteen => 16,
        };
        let samples = match color {
            ColorType::Grayscale | ColorType::Indexed => 1,
            ColorType::GrayscaleAlpha => 2,
            ColorType::Rgb => 3,
            ColorType::Rgba => 4,
        };
        let row = (w as usize * samples * bits).div_ceil(8);
        let pixels: Vec<u8> =
            (0..row * h as usize).map(|i| (i * 37 % 256) as u8 & if palette.is_some() { 0x11 } else { 0xff }).collect();
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, w, h);
        encoder.set_color(color);
        encoder.set_depth(depth);
        if let Some((plte, trns)) = palette {
            encoder.set_palette(plte.to_vec());
            if !trns.is_empty() {
                encoder.set_trns(trns.to_vec());
            }
        }
        if w == 5 {
            encoder.add_text_chunk("Comment".into(), "seed".into()).expect("text");
        }
        let mut writer = encoder.write_header().expect("header");
        writer.write_image_data(&pixels).expect("pixels");
        writer.finish().expect("finish");
        out
    };
    let plte: Vec<u8> = (0..16u8).flat_map(|i| [i * 16, 255 - i * 16, i]).collect();
    let mut seeds = vec![
        encode(3, 2, ColorType::Grayscale, BitDepth::One, None),
        encode(3, 2, ColorType::Grayscale, BitDepth::Eight, None),
        encode(2, 2, ColorType::GrayscaleAlpha, BitDepth::Sixteen, None),
        encode(5, 3, ColorType::Rgb, BitDepth::Eight, None),
        encode(2, 3, ColorType::Rgba, BitDepth::Eight, None),
        encode(4, 2, ColorType::Rgb, BitDepth::Sixteen, None),
        encode(4, 4, ColorType::Indexed, BitDepth::Four, Some((&plte, &[]))),
        encode(4, 4, ColorType::Indexed, BitDepth::Two, Some((&plte[..12], &[0, 128]))),
    ];
    // Adam7: the same picture, interlaced (IHDR's last byte, with its CRC repaired).
    let mut interlaced = encode(9, 9, ColorType::Rgb, BitDepth::Eight, None);
    interlaced[28] = 1;
    let interlaced = with_png_crcs_repaired(&interlaced);
    seeds.push(png_reencoded_interlaced(&interlaced));
    seeds.push(
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/attachments/test-only-photo.png"))
            .expect("fixture"),
    );
    seeds
}

/// A 9×9 RGB PNG whose IDAT really is Adam7 (the encoder does not write interlaced files): the
/// header of one that says so, and a picture laid out in the seven passes by hand.
fn png_reencoded_interlaced(header_says_interlaced: &[u8]) -> Vec<u8> {
    // 9×9 RGB, 8-bit: 27 bytes a row. Passes (x0, y0, dx, dy) per the PNG specification.
    const PASSES: [(usize, usize, usize, usize); 7] =
        [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];
    let (w, h) = (9usize, 9usize);
    let pixel = |x: usize, y: usize| [(x * 28) as u8, (y * 28) as u8, ((x + y) * 14) as u8];
    let mut raw = Vec::new();
    for (x0, y0, dx, dy) in PASSES {
        let xs: Vec<usize> = (x0..w).step_by(dx).collect();
        if xs.is_empty() {
            continue;
        }
        for y in (y0..h).step_by(dy) {
            raw.push(0); // filter: none
            for &x in &xs {
                raw.extend(pixel(x, y));
            }
        }
    }
    let idat = miniz_oxide::deflate::compress_to_vec_zlib(&raw, 6);
    let mut out = header_says_interlaced[..33].to_vec(); // signature + IHDR
    out.extend((idat.len() as u32).to_be_bytes());
    out.extend(b"IDAT");
    out.extend(&idat);
    out.extend([0; 4]);
    out.extend([0, 0, 0, 0]);
    out.extend(b"IEND");
    out.extend([0; 4]);
    with_png_crcs_repaired(&out)
}

/// Each chunk's length, and IHDR's width and height (PNG specification 5.3, 11.2.2).
fn png_length_fields(png: &[u8]) -> Vec<(usize, usize)> {
    let mut fields = vec![(16, 4), (20, 4)];
    let mut at = 8;
    while at + 8 <= png.len() {
        fields.push((at, 4));
        let len = u32::from_be_bytes([png[at], png[at + 1], png[at + 2], png[at + 3]]) as usize;
        at = at.saturating_add(12).saturating_add(len);
    }
    fields
}

/// `png` with every whole chunk's CRC recomputed, so a mutation inside a chunk is read by the
/// decoder instead of being refused for its CRC.
fn with_png_crcs_repaired(png: &[u8]) -> Vec<u8> {
    let mut out = png.to_vec();
    let mut at = 8;
    while at + 12 <= out.len() {
        let len = u32::from_be_bytes([out[at], out[at + 1], out[at + 2], out[at + 3]]) as usize;
        let Some(end) = at.checked_add(8).and_then(|b| b.checked_add(len)) else { break };
        if end + 4 > out.len() {
            break;
        }
        let crc = crc32fast::hash(&out[at + 4..end]);
        out[end..end + 4].copy_from_slice(&crc.to_be_bytes());
        at = end + 4;
    }
    out
}

/// Each JPEG segment's length, and a frame header's height and width (ITU T.81 B.1.1.4, B.2.2).
fn jpeg_length_fields(jpeg: &[u8]) -> Vec<(usize, usize)> {
    let mut fields = Vec::new();
    let mut at = 2;
    while at + 4 <= jpeg.len() && jpeg[at] == 0xFF {
        let marker = jpeg[at + 1];
        fields.push((at + 2, 2));
        if matches!(marker, 0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF) {
            fields.extend([(at + 5, 2), (at + 7, 2)]);
        }
        if marker == 0xDA {
            break;
        }
        at += 2 + usize::from(u16::from_be_bytes([jpeg[at + 2], jpeg[at + 3]]));
    }
    fields
}

// ---------------------------------------------------------------- regressions

/// Replays every input kept in `tests/fixtures/fuzz-regressions/`: inputs that once crashed a
/// parser, and handcrafted hostile ones (length fields at their maximum or wrapping around, a
/// zip claiming 65,535 entries, JSON nested 100,000 deep). The file name's start names the
/// target: `dayone-zip-…`, `dayone-json-…`, `jrnl-json-…`, `jrnl-text-…`,
/// `daylio-csv-…`, `bundle-…`, `contact-card-…`, `change-log-…` (authenticated under the
/// test-only vault key), `change-record-…` (a record's JSON after authentication), `pdf-image-…`
/// (an attached photo the PDF export must refuse with a reason: `.png` or `.jpg`).
#[test]
fn regressions_replay_cleanly() {
    let dir: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz-regressions");
    let mut replayed = 0;
    for item in std::fs::read_dir(&dir).expect("regression folder exists") {
        let path = item.expect("readable folder").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
        let input = std::fs::read(&path).expect("readable regression input");
        let pair = pair();
        match name {
            n if n.starts_with("dayone-zip-") => check_import(dayone::read_zip_bytes(&n, &input, utc())),
            n if n.starts_with("dayone-json-") => check_import(dayone::parse_journals(&[(n.clone(), input)], utc())),
            n if n.starts_with("jrnl-json-") => check_import(jrnl::parse_json(&n, &input, utc())),
            n if n.starts_with("jrnl-text-") => check_import(jrnl::parse_text(&n, &input, utc())),
            n if n.starts_with("daylio-csv-") => check_import(daylio::parse_csv(&n, &input, utc())),
            n if n.starts_with("bundle-") => {
                assert!(open_bundle(&input, &pair.client, &pair.contacts).is_err());
            }
            n if n.starts_with("contact-card-") => {
                let _ = ContactCard::from_text(&String::from_utf8_lossy(&input));
            }
            n if n.starts_with("change-log-") => {
                let key = test_only_vault_key();
                check_change_log(&input, read_change_log(&input, &key), &[0]);
            }
            n if n.starts_with("change-record-") => {
                assert_eq!(decode_record(&input).expect_err(&n).kind(), "damaged", "{n}");
            }
            n if n.starts_with("pdf-image-") => {
                let media_type = if n.ends_with(".png") { "image/png" } else { "image/jpeg" };
                let reason = wellkept::export::fuzzing::pdf_image(media_type, &input).expect_err(&n);
                assert!(wellkept::export::fuzzing::REASONS.contains(&reason), "{n}: {reason}");
            }
            n => panic!("{n}: regression inputs are named after their target"),
        }
        replayed += 1;
    }
    assert!(replayed > 0, "the regression folder holds the inputs that once crashed a parser");
}
