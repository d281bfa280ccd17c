//! The fonts a PDF export embeds: DejaVu Sans and DejaVu Sans Bold (assets/fonts/, Bitstream Vera
//! licence), compiled in so an export never depends on what fonts a computer has.
//!
//! Text is written as 2-byte glyph ids (a Type 0 font with Identity-H encoding), so any
//! character DejaVu has can be printed; a `ToUnicode` map makes it searchable and copyable.
//! Only the glyphs a document uses are embedded: each font is subsetted when the document is
//! finished, and glyph ids in the page content are the subset's ids from the start.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Chunk, Filter, Name, Rect, Ref, Str};
use subsetter::GlyphRemapper;
use ttf_parser::{Face, GlyphId};

use crate::{Error, Result};

const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

/// The replacement character, shown for characters the font lacks.
const REPLACEMENT: char = '\u{FFFD}';

/// Which of the two embedded fonts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Weight {
    /// Body text.
    Regular,
    /// Headings and labels.
    Bold,
}

/// One embedded font and the glyphs the document has used from it.
pub(super) struct Font {
    data: &'static [u8],
    face: Face<'static>,
    /// The name in page resources (`/F1`).
    pub resource: &'static [u8],
    base_name: &'static str,
    units_per_em: f32,
    remapper: GlyphRemapper,
    /// Text of each used glyph (by subset id), for the ToUnicode map.
    used: BTreeMap<u16, char>,
    /// Glyph, shown character and advance (em) per character already looked up: measuring runs
    /// over every character of every line, and a cmap lookup each time dominated big exports.
    cache: RefCell<HashMap<char, (GlyphId, char, f32)>>,
}

impl Font {
    /// Loads one of the bundled fonts.
    pub fn load(weight: Weight) -> Font {
        let (data, resource, base_name) = match weight {
            Weight::Regular => (REGULAR, &b"F1"[..], "DejaVuSans"),
            Weight::Bold => (BOLD, &b"F2"[..], "DejaVuSans-Bold"),
        };
        let face = Face::parse(data, 0).expect("the DejaVu fonts compiled into Wellkept are valid TrueType");
        Font {
            data,
            units_per_em: f32::from(face.units_per_em()),
            face,
            resource,
            base_name,
            remapper: GlyphRemapper::new(),
            used: BTreeMap::new(),
            cache: RefCell::new(HashMap::new()),
        }
    }

    /// The glyph for `c` (or the replacement character's when the font lacks it), the character
    /// it shows, and its advance in ems.
    fn glyph(&self, c: char) -> (GlyphId, char, f32) {
        if let Some(hit) = self.cache.borrow().get(&c) {
            return *hit;
        }
        let (g, shown) = match self.face.glyph_index(c) {
            Some(g) => (g, c),
            None => (self.face.glyph_index(REPLACEMENT).unwrap_or(GlyphId(0)), REPLACEMENT),
        };
        let found = (g, shown, self.advance(g));
        self.cache.borrow_mut().insert(c, found);
        found
    }

    fn advance(&self, g: GlyphId) -> f32 {
        f32::from(self.face.glyph_hor_advance(g).unwrap_or(0)) / self.units_per_em
    }

    /// The width of `text` at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().filter(|c| !c.is_control()).map(|c| self.glyph(c).2).sum::<f32>() * size
    }

    /// Encodes `text` as subset glyph ids for a `Tj` operator, recording the glyphs used.
    pub fn encode(&mut self, text: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(text.len() * 2);
        for c in text.chars().filter(|c| !c.is_control()) {
            let (g, shown, _) = self.glyph(c);
            let id = self.remapper.remap(g.0);
            self.used.entry(id).or_insert(shown);
            out.extend_from_slice(&id.to_be_bytes());
        }
        out
    }

    /// Writes the font's objects (Type 0 font, CID font, descriptor, subsetted font program,
    /// ToUnicode map) with ids from `next`; the Type 0 font gets `font_ref`.
    pub fn write(&self, chunk: &mut Chunk, font_ref: Ref, next: &mut impl FnMut() -> Ref) -> Result<()> {
        let (cid_ref, descriptor_ref, file_ref, cmap_ref) = (next(), next(), next(), next());
        let subset = subsetter::subset(self.data, 0, &self.remapper)
            .map_err(|e| Error::Internal { detail: format!("subsetting the PDF font: {e:?}") })?;
        let name = format!("{}+{}", self.subset_tag(), self.base_name);
        let system_info = SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"Identity"), supplement: 0 };

        chunk
            .type0_font(font_ref)
            .base_font(Name(name.as_bytes()))
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(cid_ref)
            .to_unicode(cmap_ref);

        let widths: Vec<f32> = self.remapper.remapped_gids().map(|old| self.advance(GlyphId(old)) * 1000.0).collect();
        let mut cid = chunk.cid_font(cid_ref);
        cid.subtype(CidFontType::Type2)
            .base_font(Name(name.as_bytes()))
            .system_info(system_info)
            .font_descriptor(descriptor_ref)
            .default_width(0.0)
            .cid_to_gid_map_predefined(Name(b"Identity"));
        cid.widths().consecutive(0, widths);
        drop(cid);

        let scale = |v: i16| f32::from(v) * 1000.0 / self.units_per_em;
        let bbox = self.face.global_bounding_box();
        chunk
            .font_descriptor(descriptor_ref)
            .name(Name(name.as_bytes()))
            .flags(FontFlags::SYMBOLIC)
            .bbox(Rect::new(scale(bbox.x_min), scale(bbox.y_min), scale(bbox.x_max), scale(bbox.y_max)))
            .italic_angle(0.0)
            .ascent(scale(self.face.ascender()))
            .descent(scale(self.face.descender()))
            .cap_height(scale(self.face.capital_height().unwrap_or(self.face.ascender())))
            .stem_v(if self.base_name.ends_with("Bold") { 120.0 } else { 80.0 })
            .font_file2(file_ref);

        let compressed = super::deflate(&subset);
        chunk
            .stream(file_ref, &compressed)
            .filter(Filter::FlateDecode)
            .pair(Name(b"Length1"), i32::try_from(subset.len()).unwrap_or(i32::MAX));

        let mut cmap = UnicodeCmap::new(Name(b"Custom"), system_info);
        for (&id, &c) in &self.used {
            cmap.pair(id, c);
        }
        let cmap = super::deflate(cmap.finish().as_slice());
        chunk.cmap(cmap_ref, &cmap).filter(Filter::FlateDecode);
        Ok(())
    }

    /// Six capital letters derived from the glyph set, as PDF requires for a subset's name.
    fn subset_tag(&self) -> String {
        let mut h: u32 = 2_166_136_261;
        for g in self.remapper.remapped_gids() {
            for b in g.to_be_bytes() {
                h = (h ^ u32::from(b)).wrapping_mul(16_777_619);
            }
        }
        (0..6)
            .map(|i| {
                let letter = u8::try_from((h >> (i * 5)) % 26).expect("a value below 26 fits in a byte");
                char::from(b'A' + letter)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_and_encodes_non_ascii_text() {
        let mut font = Font::load(Weight::Regular);
        assert!(font.width("Zoë", 10.0) > font.width("Zo", 10.0));
        assert!((font.width("iiii", 10.0) - 4.0 * font.width("i", 10.0)).abs() < 0.001);
        let bytes = font.encode("Ωé");
        assert_eq!(bytes.len(), 4, "two glyphs, two bytes each");
        assert_eq!(font.used.values().copied().collect::<String>(), "Ωé");
        // A character DejaVu lacks becomes the replacement character, not an empty box.
        font.encode("李");
        assert!(font.used.values().any(|&c| c == REPLACEMENT));
    }

    #[test]
    fn the_same_glyph_keeps_its_subset_id() {
        let mut font = Font::load(Weight::Bold);
        assert_eq!(font.encode("aba")[0..2], font.encode("a")[..]);
        assert_eq!(font.subset_tag().len(), 6);
    }
}
