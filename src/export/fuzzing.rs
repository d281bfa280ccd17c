//! Entry point for fuzzing the PDF export's image reader from outside the crate
//! (`tests/fuzz_parsers.rs`, `tests/pdf_image_limits.rs`) without making the PDF writer public
//! API. Hidden from the docs; nothing here touches the disk.
//!
//! The bytes are an attached photo's: anyone who attached a file, or any Day One export imported,
//! chose them. A damaged or hostile image must give one of the reasons the PDF prints after the
//! file's name ("photo.png: not shown here (the PNG file is damaged)."), never a panic, and never
//! more memory than its limit (40 megapixels, checked from the header before any pixel buffer).

/// What the PDF would embed for an image, without the samples themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PdfImageFacts {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// One (grey) or three (RGB) colour components.
    pub components: u8,
    /// Embedded as it is (a JPEG) rather than decoded (a PNG).
    pub jpeg: bool,
    /// A soft mask for transparency comes with it.
    pub alpha: bool,
    /// Bytes of (deflated or JPEG) data the PDF would carry.
    pub data_len: usize,
}

/// Every reason the PDF may give for not showing an image.
pub const REASONS: &[&str] = &[
    "only JPEG and PNG photos are shown in a PDF",
    "the image has no pixels",
    "the image is larger than 40 megapixels",
    "the JPEG file is damaged",
    "only 8-bit grey or colour JPEGs are shown in a PDF",
    "the PNG file is damaged",
];

/// Reads `bytes` of `media_type` as a PDF export does before embedding the image, except that a
/// panic in the PNG decoder is not caught (the export names such a photo as damaged; the fuzzer
/// must see it).
pub fn pdf_image(media_type: &str, bytes: &[u8]) -> Result<PdfImageFacts, &'static str> {
    super::pdf::image::prepare_unguarded(media_type, bytes).map(|image| PdfImageFacts {
        width: image.width,
        height: image.height,
        components: image.components,
        jpeg: image.jpeg,
        alpha: image.alpha.is_some(),
        data_len: image.data.len(),
    })
}
