//! Decrypted bytes held in memory, and how we decrypt them.
//!
//! [`Plaintext`] wipes its buffer on drop with one `memset` (then `black_box`, so the compiler
//! cannot drop the "dead" store) instead of the `zeroize` crate's per-byte volatile writes:
//! the same guarantee in practice, about ten times faster on a 300 MB snapshot.
//!
//! [`decrypt`] reads age's STREAM into a buffer sized up front from the ciphertext, so the
//! plaintext is never reallocated: `age::decrypt` grows its `Vec` by doubling, which costs
//! copies and leaves freed, unwiped copies of the plaintext behind in the allocator.
//!
//! [`WipeOnDrop`] does the same for plaintext buffers other types own: the SQLite image that
//! compaction serializes (`SqliteOwnedBuf` frees it with `sqlite3_free`, unwiped).
//!
//! What is *not* wiped, and why (no `unsafe` here, `#![forbid(unsafe_code)]`):
//! - the pages of the live in-memory database: SQLite owns them (the unlocked image is handed
//!   over with `SQLITE_DESERIALIZE_FREEONCLOSE`, and its memory database reallocates as it
//!   grows) and frees them through its own allocator; wiping them needs a custom SQLite
//!   allocator installed through FFI;
//! - age's stream writer keeps the last (at most 64 KiB) chunk of what it encrypts in a buffer
//!   it drops without wiping (age 0.12 zeroizes only its decrypted chunks and keys).

use std::io::Read;

/// Decrypted bytes, wiped on drop.
pub(crate) struct Plaintext(Vec<u8>);

impl std::ops::Deref for Plaintext {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.0
    }
}

impl Drop for Plaintext {
    fn drop(&mut self) {
        self.0.fill(0);
        std::hint::black_box(&self.0);
    }
}

/// Wipes a plaintext buffer owned by another type before that type frees it.
///
/// `Drop` for the guard runs before its field is dropped (the language drops a struct's fields
/// after its own `drop`), so the owner's `Drop` — `sqlite3_free` for `SqliteOwnedBuf` — only
/// ever sees zeros. The unit test below shows that order with a buffer that records what it
/// holds when freed.
pub(crate) struct WipeOnDrop<B: std::ops::DerefMut<Target = [u8]>>(pub B);

impl<B: std::ops::DerefMut<Target = [u8]>> std::ops::Deref for WipeOnDrop<B> {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.0
    }
}

impl<B: std::ops::DerefMut<Target = [u8]>> Drop for WipeOnDrop<B> {
    fn drop(&mut self) {
        self.0.fill(0);
        std::hint::black_box(&*self.0);
    }
}

/// Decrypts a whole age file with `identity`; `None` when the key is wrong or the file damaged
/// (age reports only at the end of the stream whether the last chunk authenticated, and the
/// bytes are trusted only once this returns).
pub(crate) fn decrypt(identity: &dyn age::Identity, ciphertext: &[u8]) -> Option<Plaintext> {
    let decryptor = age::Decryptor::new_buffered(ciphertext).ok()?;
    let mut reader = decryptor.decrypt(std::iter::once(identity)).ok()?;
    // The plaintext is shorter than the ciphertext (header and 16-byte tags per 64 KiB chunk).
    let mut out = Plaintext(Vec::with_capacity(ciphertext.len()));
    reader.read_to_end(&mut out.0).ok()?;
    Some(out)
}

/// The bytes that pin an age file: its header (recipient stanzas and header MAC) and the
/// payload nonce. The payload key is derived from the file key and that nonce, and every
/// payload chunk is authenticated under it, so nobody who cannot unwrap the file key can change
/// a single payload byte without failing decryption; binding these few hundred bytes binds the
/// whole file, without hashing hundreds of megabytes on every unlock.
pub(crate) fn header_and_nonce(age_file: &[u8]) -> Option<&[u8]> {
    // The header ends with the line "--- <base64 MAC>\n"; the 16-byte nonce follows.
    let search = &age_file[..age_file.len().min(64 * 1024)];
    let mac_line = search.windows(5).position(|w| w == b"\n--- ")? + 1;
    let line_end = mac_line + search[mac_line..].iter().position(|b| *b == b'\n')?;
    let end = line_end + 1 + 16;
    (age_file.len() >= end).then(|| &age_file[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decrypts_exactly_what_age_encrypted_and_refuses_other_keys() {
        let id = age::x25519::Identity::generate();
        let plain: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let cipher = age::encrypt(&id.to_public(), &plain).expect("encrypt");
        assert_eq!(&*decrypt(&id, &cipher).expect("decrypt"), &plain[..]);
        assert!(decrypt(&age::x25519::Identity::generate(), &cipher).is_none());
        let mut cut = cipher.clone();
        cut.truncate(cipher.len() - 1);
        assert!(decrypt(&id, &cut).is_none(), "a truncated stream never decrypts");
    }

    /// A buffer that, like `SqliteOwnedBuf`, frees its memory in its own `Drop`; it reports what
    /// the memory held at that moment.
    struct FreedBuffer {
        bytes: Vec<u8>,
        seen_when_freed: std::rc::Rc<std::cell::RefCell<Option<Vec<u8>>>>,
    }

    impl std::ops::Deref for FreedBuffer {
        type Target = [u8];
        fn deref(&self) -> &[u8] {
            &self.bytes
        }
    }

    impl std::ops::DerefMut for FreedBuffer {
        fn deref_mut(&mut self) -> &mut [u8] {
            &mut self.bytes
        }
    }

    impl Drop for FreedBuffer {
        fn drop(&mut self) {
            *self.seen_when_freed.borrow_mut() = Some(self.bytes.clone());
        }
    }

    #[test]
    fn compaction_image_is_zeroed_before_its_owner_frees_it() {
        let seen = std::rc::Rc::new(std::cell::RefCell::new(None));
        let secret = b"SQLite format 3\0 note: I felt low".to_vec();
        let len = secret.len();
        let image = WipeOnDrop(FreedBuffer { bytes: secret, seen_when_freed: seen.clone() });
        assert_eq!(&image[..16], b"SQLite format 3\0", "the guard reads through to the buffer");
        drop(image);
        assert_eq!(seen.borrow().clone(), Some(vec![0u8; len]), "the owner frees only zeros");
    }

    #[test]
    fn the_pinned_prefix_is_the_header_plus_nonce() {
        let id = age::x25519::Identity::generate();
        let cipher = age::encrypt(&id.to_public(), b"hello").expect("encrypt");
        let pinned = header_and_nonce(&cipher).expect("header");
        let text = std::str::from_utf8(&pinned[..pinned.len() - 16]).expect("header is text");
        assert!(text.starts_with("age-encryption.org/v1\n") && text.ends_with('\n'));
        assert!(text.lines().last().expect("mac line").starts_with("--- "));
        // Re-encrypting the same plaintext gives a different file key, header and nonce.
        let again = age::encrypt(&id.to_public(), b"hello").expect("encrypt");
        assert_ne!(header_and_nonce(&again), Some(pinned));
        assert!(header_and_nonce(b"not an age file").is_none());
    }
}
