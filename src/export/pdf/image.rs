//! Photos in a PDF export: a JPEG is embedded as it is (the PDF reader decodes it); a PNG is
//! decoded (the `png` crate, with limits) to 8-bit grey or RGB pixels, deflated, with its
//! transparency as a soft mask. Anything else, or an image too large to embed sensibly, is only
//! listed by name, with the reason.

use std::io::Cursor;

/// The most pixels an embedded image may have (a 40-megapixel photo): the decoded pixels are
/// held in memory while the PDF is written.
const MAX_PIXELS: u64 = 40_000_000;

/// An image ready to be written as a PDF image XObject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PdfImage {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// One (grey) or three (RGB) colour components.
    pub components: u8,
    /// The samples: a JPEG file as it is, or deflated 8-bit samples.
    pub data: Vec<u8>,
    /// Whether `data` is a JPEG (DCTDecode) rather than deflated samples (FlateDecode).
    pub jpeg: bool,
    /// Deflated 8-bit alpha samples, for a PNG with transparency.
    pub alpha: Option<Vec<u8>>,
}

/// `bytes` (of media type `media_type`) as an embeddable image, or why it is not embedded.
pub(crate) fn prepare(media_type: &str, bytes: &[u8]) -> Result<PdfImage, &'static str> {
    match media_type {
        "image/jpeg" => jpeg(bytes),
        "image/png" => png(bytes),
        _ => Err("only JPEG and PNG photos are shown in a PDF"),
    }
}

/// As [`prepare`], without `catch_unwind` around the PNG decoder: for the fuzzer, which must see
/// a panic rather than have it turned into "damaged".
pub(crate) fn prepare_unguarded(media_type: &str, bytes: &[u8]) -> Result<PdfImage, &'static str> {
    match media_type {
        "image/png" if !palette_is_whole_colours(bytes) => Err("the PNG file is damaged"),
        "image/png" => decode_png(bytes),
        _ => prepare(media_type, bytes),
    }
}

fn check_size(width: u32, height: u32) -> Result<(), &'static str> {
    if width == 0 || height == 0 {
        return Err("the image has no pixels");
    }
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err("the image is larger than 40 megapixels");
    }
    Ok(())
}

/// A JPEG's size and components from its frame header (SOFn); the data is embedded unchanged.
fn jpeg(bytes: &[u8]) -> Result<PdfImage, &'static str> {
    const DAMAGED: &str = "the JPEG file is damaged";
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return Err(DAMAGED);
    }
    let mut i = 2;
    while i + 4 <= bytes.len() {
        if bytes[i] != 0xFF {
            return Err(DAMAGED);
        }
        let marker = bytes[i + 1];
        if marker == 0xFF {
            i += 1; // fill byte
            continue;
        }
        let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        let is_frame = matches!(marker, 0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF);
        if is_frame {
            let f = bytes.get(i + 4..i + 10).ok_or(DAMAGED)?;
            let (precision, height, width, components) =
                (f[0], u16::from_be_bytes([f[1], f[2]]), u16::from_be_bytes([f[3], f[4]]), f[5]);
            if precision != 8 || !matches!(components, 1 | 3) {
                return Err("only 8-bit grey or colour JPEGs are shown in a PDF");
            }
            check_size(u32::from(width), u32::from(height))?;
            return Ok(PdfImage {
                width: u32::from(width),
                height: u32::from(height),
                components,
                data: bytes.to_vec(),
                jpeg: true,
                alpha: None,
            });
        }
        if marker == 0xD9 || marker == 0xDA || len < 2 {
            break; // end of image or start of scan before any frame header
        }
        i += 2 + len;
    }
    Err(DAMAGED)
}

/// A PNG decoded to 8-bit grey or RGB, with its alpha split off. The `png` crate runs behind a
/// check of its own known panic (a palette whose length is not whole colours, image-rs/image-png
/// #694, in 0.18.1) and under `catch_unwind`, so a panic found later in it names the photo as
/// damaged instead of ending the export (the release profile unwinds).
fn png(bytes: &[u8]) -> Result<PdfImage, &'static str> {
    const DAMAGED: &str = "the PNG file is damaged";
    if !palette_is_whole_colours(bytes) {
        return Err(DAMAGED);
    }
    std::panic::catch_unwind(|| decode_png(bytes)).unwrap_or(Err(DAMAGED))
}

/// Whether a PLTE chunk, if there is one before the image data, holds 1 to 256 whole RGB colours
/// (PNG specification 11.2.3); the chunk walk stops at the first IDAT or where the bytes end.
fn palette_is_whole_colours(bytes: &[u8]) -> bool {
    let mut at = 8usize;
    while let Some(header) = bytes.get(at..at + 8) {
        let len = u32::from_be_bytes([header[0], header[1], header[2], header[3]]) as usize;
        match &header[4..8] {
            b"PLTE" => return len.is_multiple_of(3) && (3..=768).contains(&len),
            b"IDAT" => return true,
            _ => {}
        }
        let Some(next) = at.checked_add(12).and_then(|n| n.checked_add(len)) else { return true };
        at = next;
    }
    true
}

fn decode_png(bytes: &[u8]) -> Result<PdfImage, &'static str> {
    const DAMAGED: &str = "the PNG file is damaged";
    let mut decoder = png::Decoder::new_with_limits(Cursor::new(bytes), png::Limits { bytes: 256 * 1024 * 1024 });
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().map_err(|_| DAMAGED)?;
    let (width, height) = (reader.info().width, reader.info().height);
    check_size(width, height)?;
    let mut buf = vec![0; reader.output_buffer_size().ok_or(DAMAGED)?];
    let frame = reader.next_frame(&mut buf).map_err(|_| DAMAGED)?;
    let pixels = &buf[..frame.buffer_size()];
    let (components, has_alpha) = match frame.color_type {
        png::ColorType::Grayscale => (1, false),
        png::ColorType::GrayscaleAlpha => (1, true),
        png::ColorType::Rgb => (3, false),
        png::ColorType::Rgba => (3, true),
        png::ColorType::Indexed => return Err(DAMAGED), // EXPAND turns palettes into RGB(A)
    };
    let (data, alpha) = if has_alpha {
        let step = components + 1;
        let color: Vec<u8> = pixels.chunks_exact(step).flat_map(|p| p[..components].iter().copied()).collect();
        let alpha: Vec<u8> = pixels.chunks_exact(step).map(|p| p[components]).collect();
        // Fully opaque: no mask needed.
        let alpha = alpha.iter().any(|a| *a != 255).then(|| super::deflate(&alpha));
        (super::deflate(&color), alpha)
    } else {
        // Deflated straight from the decoder's buffer: no second copy of the pixels.
        (super::deflate(pixels), None)
    };
    Ok(PdfImage { width, height, components: u8::try_from(components).unwrap_or(3), data, jpeg: false, alpha })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode_png(width: u32, height: u32, color: png::ColorType, pixels: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(color);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().expect("header");
        writer.write_image_data(pixels).expect("pixels");
        writer.finish().expect("finish");
        out
    }

    #[test]
    fn a_png_with_transparency_becomes_rgb_samples_and_a_soft_mask() {
        let rgba = [255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0];
        let image = prepare("image/png", &encode_png(3, 1, png::ColorType::Rgba, &rgba)).expect("embeds");
        assert_eq!((image.width, image.height, image.components, image.jpeg), (3, 1, 3, false));
        let inflate = |d: &[u8]| miniz_oxide::inflate::decompress_to_vec_zlib(d).expect("zlib");
        assert_eq!(inflate(&image.data), [255, 0, 0, 0, 255, 0, 0, 0, 255]);
        assert_eq!(inflate(image.alpha.as_deref().expect("a mask")), [255, 128, 0]);
        let opaque = prepare("image/png", &encode_png(1, 1, png::ColorType::Rgba, &[9, 9, 9, 255])).expect("embeds");
        assert_eq!(opaque.alpha, None, "an opaque PNG needs no mask");
    }

    #[test]
    fn a_jpeg_is_embedded_as_it_is_with_its_frame_size() {
        let jpeg = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/attachments/python-16x16.jpg"))
            .expect("fixture");
        let image = prepare("image/jpeg", &jpeg).expect("embeds");
        assert_eq!((image.width, image.height, image.components, image.jpeg), (16, 16, 3, true));
        assert_eq!(image.data, jpeg);
    }

    #[test]
    fn damaged_huge_or_other_images_are_listed_with_a_reason_never_a_panic() {
        assert_eq!(prepare("image/jpeg", b"not a jpeg"), Err("the JPEG file is damaged"));
        assert_eq!(prepare("image/jpeg", &[0xFF, 0xD8, 0xFF]), Err("the JPEG file is damaged"));
        assert_eq!(prepare("image/png", b"\x89PNG\r\n\x1a\nshort"), Err("the PNG file is damaged"));
        assert_eq!(prepare("image/heic", b"whatever"), Err("only JPEG and PNG photos are shown in a PDF"));
        // A frame header claiming 50,000 × 50,000 pixels.
        let huge = [0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 8, 0xC3, 0x50, 0xC3, 0x50, 3];
        assert_eq!(prepare("image/jpeg", &huge), Err("the image is larger than 40 megapixels"));
        for cut in 0..40 {
            let _ = prepare("image/png", &encode_png(2, 2, png::ColorType::Rgb, &[1; 12])[..cut]);
        }
        // A palette of 56 bytes (not whole colours) made png 0.18.1 panic (found by
        // tests/fuzz_parsers.rs, fuzz_pdf_image_decoder; kept in tests/fixtures/fuzz-regressions/).
        let found = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/fuzz-regressions/pdf-image-palette-of-56-bytes-panicked-png-0.18.1.png"
        ))
        .expect("fixture");
        assert_eq!(prepare("image/png", &found), Err("the PNG file is damaged"));
    }
}
