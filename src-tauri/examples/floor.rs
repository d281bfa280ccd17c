//! The floor: a bare Tauri 2 window showing a one-line page, built from the same tauri, wry and
//! WebKitGTK as the app, so `scripts/e2e.sh --measure` can say how much of the start-up and
//! memory targets the stack itself already takes (docs/performance.md, 2026-12-02).
//!
//! No plugins, no commands, no vault: a window (the app's size), its web view, and a page
//! served from a custom protocol (the app's own pages come from `tauri://` the same way) that
//! marks its first paint as the app's dashboard does (`data-painted-at`, two frames after it
//! runs). `--tuned` applies the app's WebKit settings (src/webkit_tuning.rs), to see them on
//! the bare stack too.
//!
//! cargo build --release --workspace --locked --examples   (target/release/examples/floor)

const PAGE: &str = "<!doctype html><title>Floor</title><p>Floor</p><script>requestAnimationFrame(()=>requestAnimationFrame(()=>document.body.setAttribute('data-painted-at',String(Date.now()))))</script>";

fn main() {
    let tuned = std::env::args().any(|a| a == "--tuned");
    tauri::Builder::default()
        .register_uri_scheme_protocol("floor", |_context, _request| {
            tauri::http::Response::builder()
                .header("Content-Type", "text/html; charset=utf-8")
                .body(PAGE.as_bytes().to_vec())
                .expect("a static response")
        })
        .setup(move |app| {
            let url = tauri::Url::parse("floor://localhost/").expect("a valid URL");
            let window = tauri::WebviewWindowBuilder::new(app, "main", tauri::WebviewUrl::CustomProtocol(url))
                .title("Floor")
                .inner_size(1180.0, 800.0)
                .build()?;
            #[cfg(target_os = "linux")]
            if tuned {
                window.with_webview(|platform| {
                    use webkit2gtk::{CacheModel, HardwareAccelerationPolicy, SettingsExt, WebContextExt, WebViewExt};
                    let view = platform.inner();
                    if let Some(context) = view.context() {
                        context.set_cache_model(CacheModel::DocumentViewer);
                    }
                    if let Some(settings) = WebViewExt::settings(&view) {
                        settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
                        settings.set_enable_webgl(false);
                        settings.set_enable_page_cache(false);
                    }
                })?;
            }
            #[cfg(not(target_os = "linux"))]
            let _ = (tuned, window);
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("the floor window runs");
}
