//! The PDF export's image reader refuses an image too large to embed from its header, before any
//! pixel buffer: a PNG claiming 100,000 × 100,000 pixels (30 GB as RGB) and a JPEG claiming
//! 65,535 × 65,535 are named with "the image is larger than 40 megapixels" while this test
//! binary's allocations stay under a megabyte. A counting allocator wraps the system one; this file
//! holds one test, so no other test allocates at the same time.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use wellkept::export::fuzzing::pdf_image;

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed to the system allocator unchanged; only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = CURRENT.fetch_add(layout.size(), Ordering::SeqCst) + layout.size();
        PEAK.fetch_max(now, Ordering::SeqCst);
        // SAFETY: the caller's contract for `alloc` is the system allocator's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let now = CURRENT.fetch_add(layout.size(), Ordering::SeqCst) + layout.size();
        PEAK.fetch_max(now, Ordering::SeqCst);
        // SAFETY: as for `alloc`.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        CURRENT.fetch_sub(layout.size(), Ordering::SeqCst);
        // SAFETY: `ptr` came from `alloc` above with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            let now = CURRENT.fetch_add(new_size - layout.size(), Ordering::SeqCst) + new_size - layout.size();
            PEAK.fetch_max(now, Ordering::SeqCst);
        } else {
            CURRENT.fetch_sub(layout.size() - new_size, Ordering::SeqCst);
        }
        // SAFETY: as for `alloc`; `ptr` and `layout` are the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The most bytes allocated at once while `f` ran, above what was allocated before it.
fn peak_during<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = CURRENT.load(Ordering::SeqCst);
    PEAK.store(before, Ordering::SeqCst);
    let out = f();
    (out, PEAK.load(Ordering::SeqCst) - before)
}

/// A PNG chunk: length, type, data, CRC.
fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = (data.len() as u32).to_be_bytes().to_vec();
    out.extend(kind);
    out.extend(data);
    let mut crc = kind.to_vec();
    crc.extend(data);
    out.extend(crc32fast::hash(&crc).to_be_bytes());
    out
}

/// A well-formed PNG header claiming `width` × `height` RGB pixels, with a few rows of data.
fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend(height.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]); // 8-bit RGB, deflate, adaptive filtering, not interlaced
    let row = 1 + 3 * width as usize;
    let rows = miniz_oxide::deflate::compress_to_vec_zlib(&vec![0; row * 4], 9);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(chunk(b"IHDR", &ihdr));
    png.extend(chunk(b"IDAT", &rows));
    png.extend(chunk(b"IEND", &[]));
    png
}

#[test]
fn an_image_claiming_more_than_40_megapixels_is_refused_from_its_header_before_any_pixel_buffer() {
    let png = png_claiming(100_000, 100_000);
    let (result, peak) = peak_during(|| pdf_image("image/png", &png));
    assert_eq!(result, Err("the image is larger than 40 megapixels"));
    assert!(peak < 1 << 20, "refused with {peak} bytes allocated at most (the pixels would take 30 GB)");

    // One pixel over the limit in a wide strip (7 × 5,714,286) is refused the same way.
    let png = png_claiming(7, 5_714_286);
    let (result, peak) = peak_during(|| pdf_image("image/png", &png));
    assert_eq!(result, Err("the image is larger than 40 megapixels"));
    assert!(peak < 1 << 20, "{peak} bytes");

    // A JPEG frame header (SOF0) claiming 65,535 × 65,535, 3 components.
    let jpeg = [0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 8, 0xFF, 0xFF, 0xFF, 0xFF, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
    let (result, peak) = peak_during(|| pdf_image("image/jpeg", &jpeg));
    assert_eq!(result, Err("the image is larger than 40 megapixels"));
    assert!(peak < 1 << 20, "{peak} bytes");

    // Within the limit, a real decode happens: a 2,000 × 1,000 RGB PNG takes its 6 MB of pixels.
    let png = png_claiming(2_000, 1_000);
    let (result, peak) = peak_during(|| pdf_image("image/png", &png));
    assert_eq!(result, Err("the PNG file is damaged"), "only 4 of its 1,000 rows are there");
    assert!(peak >= 6_000_000, "the decoder's buffer was allocated for a size it accepts: {peak} bytes");
}
