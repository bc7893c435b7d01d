//! The meeting pages as a PDF, one page per slide, for sending before the meeting or printing.
//!
//! The slides are laid out by the same code as on screen (`slides::print_page`) in a
//! headless egui context; what egui would paint (rectangles, lines, paths, text) is written
//! into the PDF with krilla, text as real text in the embedded font (searchable, copyable,
//! subset to the characters used). So the PDF looks like the screen without a second layout.

use std::sync::Arc;

use egui::epaint::{self, Shape};
use egui::{Color32, Pos2, Rect};
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, LineCap, LineJoin, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use skrifa::MetadataProvider;

use super::slides::{Scope, pages, print_page};
use crate::session::view::PlanView;

/// A 16:9 slide, in PDF points; the slides are laid out for a screen of this size.
const PAGE: egui::Vec2 = egui::vec2(1280.0, 720.0);

/// Why the PDF could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("无法生成PDF：{0}。请重试；如仍不成功，请把规划文件发给维护人员。")]
    Build(String),
}

/// The most of any one text a slide is given (a slide shows far less).
const SLIDE_TEXT_CHARS: usize = 2_000;

/// The meeting pages as a PDF: its bytes and its number of pages. Writing them is the
/// caller's (`session::files::write_pdf`).
pub fn meeting_pdf(pv: &PlanView, scope: Scope) -> Result<(Vec<u8>, usize), PdfError> {
    // A slide shows a few lines of any text: an 18 MB note from an old or foreign file must
    // not cost gigabytes of laid-out glyphs. Cut in this copy only, never in the plan.
    let clipped = crate::domain::text_limits::clipped(pv.plan, SLIDE_TEXT_CHARS);
    let pv = &PlanView {
        plan: &clipped,
        ..*pv
    };
    Ok((pdf_bytes(pv, scope)?, pages(pv, scope).len()))
}

fn pdf_bytes(pv: &PlanView, scope: Scope) -> Result<Vec<u8>, PdfError> {
    let font_data = super::theme::CJK_FONT;
    let font = Font::new(Arc::new(font_data.to_vec()).into(), 0)
        .ok_or_else(|| PdfError::Build("字体无法读取".to_owned()))?;
    let cmap = skrifa::FontRef::new(font_data)
        .map_err(|e| PdfError::Build(format!("字体无法读取（{e}）")))?
        .charmap();

    let ctx = egui::Context::default();
    super::theme::install_fonts(&ctx);
    super::theme::apply(&ctx);
    let all = pages(pv, scope);
    let mut document = krilla::Document::new();
    document.set_metadata(
        krilla::metadata::Metadata::new()
            .title(format!("{} 会议材料（{}年）", pv.plan.info.name, pv.year))
            .creator("EduPlan 教育规划工作台".to_owned()),
    );
    let settings = PageSettings::from_wh(PAGE.x, PAGE.y)
        .ok_or_else(|| PdfError::Build("页面尺寸无效".to_owned()))?;
    for index in 0..all.len() {
        // Grids and plots size themselves from the previous frame: lay the page out twice.
        let mut shapes = Vec::new();
        for _ in 0..2 {
            let input = egui::RawInput {
                screen_rect: Some(Rect::from_min_size(Pos2::ZERO, PAGE)),
                ..Default::default()
            };
            let mut output = ctx.run_ui(input, |ui| {
                egui::CentralPanel::no_frame().show(ui, |ui| print_page(ui, pv, &all, index));
            });
            // No GPU here: the font atlas is not uploaded anywhere.
            output.textures_delta.clear();
            shapes = output.shapes;
        }
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        let mut painter = PdfPainter {
            surface: &mut surface,
            font: &font,
            cmap: &cmap,
        };
        for clipped in shapes {
            painter.clipped(clipped.clip_rect, &clipped.shape);
        }
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|e| PdfError::Build(format!("{e:?}")))
}

struct PdfPainter<'a, 'b> {
    surface: &'a mut Surface<'b>,
    font: &'a Font,
    cmap: &'a skrifa::charmap::Charmap<'a>,
}

/// egui's colours are premultiplied; PDF wants the colour and its opacity apart.
fn color(c: Color32) -> rgb::Color {
    let [r, g, b, _] = c.to_srgba_unmultiplied();
    rgb::Color::new(r, g, b)
}

fn opacity(c: Color32) -> NormalizedF32 {
    NormalizedF32::new(f32::from(c.a()) / 255.0).unwrap_or(NormalizedF32::ONE)
}

fn fill(c: Color32) -> Option<Fill> {
    (c.a() > 0).then(|| Fill {
        paint: color(c).into(),
        opacity: opacity(c),
        rule: Default::default(),
    })
}

fn stroke(width: f32, c: Color32) -> Option<Stroke> {
    (width > 0.0 && c.a() > 0).then(|| Stroke {
        paint: color(c).into(),
        width,
        opacity: opacity(c),
        line_cap: LineCap::Round,
        line_join: LineJoin::Round,
        ..Default::default()
    })
}

impl PdfPainter<'_, '_> {
    /// A shape inside its clip rectangle (plots clip their lines to the plot area).
    fn clipped(&mut self, clip: Rect, shape: &Shape) {
        let page = Rect::from_min_size(Pos2::ZERO, PAGE);
        let needs_clip = !clip.contains_rect(shape.visual_bounding_rect()) && clip != page;
        if needs_clip {
            if !clip.is_positive() {
                return;
            }
            let mut pb = PathBuilder::new();
            if let Some(r) =
                krilla::geom::Rect::from_ltrb(clip.min.x, clip.min.y, clip.max.x, clip.max.y)
            {
                pb.push_rect(r);
            }
            let Some(path) = pb.finish() else { return };
            self.surface
                .push_clip_path(&path, &krilla::paint::FillRule::NonZero);
            self.shape(shape);
            self.surface.pop();
        } else {
            self.shape(shape);
        }
    }

    fn shape(&mut self, shape: &Shape) {
        match shape {
            // Bands (filled plot areas) and paint callbacks are not on the slides.
            Shape::Noop | Shape::Callback(_) | Shape::Band(_) => {}
            Shape::Vec(shapes) => {
                for s in shapes {
                    self.shape(s);
                }
            }
            Shape::Rect(r) => self.path(
                &rect_points(r.rect),
                true,
                r.fill,
                r.stroke.width,
                r.stroke.color,
            ),
            Shape::Circle(c) => {
                let points: Vec<Pos2> = (0..48)
                    .map(|i| {
                        let a = i as f32 / 48.0 * std::f32::consts::TAU;
                        c.center + c.radius * egui::vec2(a.cos(), a.sin())
                    })
                    .collect();
                self.path(&points, true, c.fill, c.stroke.width, c.stroke.color);
            }
            Shape::Ellipse(e) => {
                let points: Vec<Pos2> = (0..48)
                    .map(|i| {
                        let a = i as f32 / 48.0 * std::f32::consts::TAU;
                        e.center + egui::vec2(e.radius.x * a.cos(), e.radius.y * a.sin())
                    })
                    .collect();
                self.path(&points, true, e.fill, e.stroke.width, e.stroke.color);
            }
            Shape::LineSegment { points, stroke } => self.path(
                points,
                false,
                Color32::TRANSPARENT,
                stroke.width,
                stroke.color,
            ),
            Shape::Path(p) => {
                let stroke_color = match &p.stroke.color {
                    epaint::ColorMode::Solid(c) => *c,
                    epaint::ColorMode::UV(_) => Color32::GRAY,
                };
                self.path(&p.points, p.closed, p.fill, p.stroke.width, stroke_color);
            }
            Shape::QuadraticBezier(b) => {
                let points = b.flatten(None);
                let stroke_color = match &b.stroke.color {
                    epaint::ColorMode::Solid(c) => *c,
                    epaint::ColorMode::UV(_) => Color32::GRAY,
                };
                self.path(&points, b.closed, b.fill, b.stroke.width, stroke_color);
            }
            Shape::CubicBezier(b) => {
                let points = b.flatten(None);
                let stroke_color = match &b.stroke.color {
                    epaint::ColorMode::Solid(c) => *c,
                    epaint::ColorMode::UV(_) => Color32::GRAY,
                };
                self.path(&points, b.closed, b.fill, b.stroke.width, stroke_color);
            }
            Shape::Mesh(mesh) => {
                // Flat-coloured triangles (plot fills); textured ones are text, drawn as text.
                if mesh.texture_id != egui::TextureId::default() {
                    return;
                }
                for tri in mesh.indices.chunks_exact(3) {
                    let v: Vec<&epaint::Vertex> = tri
                        .iter()
                        .filter_map(|i| mesh.vertices.get(*i as usize))
                        .collect();
                    if let [a, b, c] = v.as_slice() {
                        self.path(&[a.pos, b.pos, c.pos], true, a.color, 0.0, a.color);
                    }
                }
            }
            Shape::Text(t) => self.text(t),
        }
    }

    fn path(&mut self, points: &[Pos2], closed: bool, fill_color: Color32, width: f32, c: Color32) {
        let Some((first, rest)) = points.split_first() else {
            return;
        };
        let mut pb = PathBuilder::new();
        pb.move_to(first.x, first.y);
        for p in rest {
            pb.line_to(p.x, p.y);
        }
        if closed {
            pb.close();
        }
        let fill = if closed { fill(fill_color) } else { None };
        let stroke = stroke(width, c);
        // Nothing to paint (krilla would fill with black), e.g. egui's additive stripes.
        if fill.is_none() && stroke.is_none() {
            return;
        }
        let Some(path) = pb.finish() else { return };
        self.surface.set_fill(fill);
        self.surface.set_stroke(stroke);
        self.surface.draw_path(&path);
        self.surface.set_stroke(None);
    }

    /// Text as runs of glyphs of one size and colour, each glyph where egui placed it.
    fn text(&mut self, t: &epaint::TextShape) {
        // A turned text (a plot's vertical axis title) turns about its position, as egui draws it.
        let turned = t.angle != 0.0;
        if turned {
            self.surface
                .push_transform(&krilla::geom::Transform::from_rotate_at(
                    t.angle.to_degrees(),
                    t.pos.x,
                    t.pos.y,
                ));
        }
        self.upright_text(t);
        if turned {
            self.surface.pop();
        }
    }

    fn upright_text(&mut self, t: &epaint::TextShape) {
        let galley = &t.galley;
        let job = &galley.job;
        let mut chars = job.text.char_indices().peekable();
        let mut section = 0usize;
        for placed in &galley.rows {
            let mut run: Option<GlyphRun> = None;
            let origin = t.pos + placed.pos.to_vec2();
            for g in &placed.row.glyphs {
                // Glyphs follow the text's characters (a wrapped line's `\n` has none).
                if let Some(&(at, c)) = chars.peek()
                    && c == g.chr
                {
                    chars.next();
                    if let Some(i) = job
                        .sections
                        .iter()
                        .position(|s| s.byte_range.start.0 <= at && at < s.byte_range.end.0)
                    {
                        section = i;
                    }
                }
                let Some(format) = job.sections.get(section).map(|s| &s.format) else {
                    continue;
                };
                let size = format.font_id.size;
                let mut c = match t.override_text_color {
                    Some(c) => c,
                    None if format.color == Color32::PLACEHOLDER => t.fallback_color,
                    None => format.color,
                };
                if t.opacity_factor < 1.0 {
                    c = c.gamma_multiply(t.opacity_factor);
                }
                if g.chr.is_whitespace() && g.chr != '\u{3000}' {
                    continue; // spaces only move the pen
                }
                let pos = origin + g.pos.to_vec2();
                let same = run.as_ref().is_some_and(|r| {
                    (r.size - size).abs() < 0.01 && r.color == c && (r.start.y - pos.y).abs() < 0.01
                });
                if !same && let Some(r) = run.take() {
                    self.glyph_run(r);
                }
                let r = run.get_or_insert_with(|| GlyphRun {
                    size,
                    color: c,
                    start: pos,
                    pen_x: pos.x,
                    glyphs: Vec::new(),
                    text: String::new(),
                });
                // Land exactly where egui put the glyph (spaces, kerning): stretch the last
                // advance by the difference.
                if let Some(last) = r.glyphs.last_mut() {
                    last.x_advance += (pos.x - r.pen_x) / size;
                }
                let from = r.text.len();
                r.text.push(g.chr);
                let id = self.cmap.map(g.chr).map_or(0, |id| id.to_u32());
                r.glyphs.push(KrillaGlyph::new(
                    GlyphId::new(id),
                    g.advance_width / size,
                    0.0,
                    0.0,
                    0.0,
                    from..r.text.len(),
                    None,
                ));
                r.pen_x = pos.x + g.advance_width;
            }
            if let Some(r) = run.take() {
                self.glyph_run(r);
            }
            if placed.ends_with_newline && chars.peek().is_some_and(|&(_, c)| c == '\n') {
                chars.next();
            }
        }
    }

    fn glyph_run(&mut self, run: GlyphRun) {
        if run.glyphs.is_empty() {
            return;
        }
        self.surface.set_fill(fill(run.color));
        self.surface.set_stroke(None);
        self.surface.draw_glyphs(
            Point::from_xy(run.start.x, run.start.y),
            &run.glyphs,
            self.font.clone(),
            &run.text,
            run.size,
            false,
        );
    }
}

/// Glyphs of one size and colour on one baseline.
struct GlyphRun {
    size: f32,
    color: Color32,
    start: Pos2,
    /// Where the next glyph would go.
    pen_x: f32,
    glyphs: Vec<KrillaGlyph>,
    text: String,
}

fn rect_points(r: Rect) -> [Pos2; 4] {
    [
        r.left_top(),
        r.right_top(),
        r.right_bottom(),
        r.left_bottom(),
    ]
}
