//! The floor: a bare Tauri 2 window showing a one-line page, built from the same tauri, wry and
//! WebKitGTK as the app, so `scripts/e2e.sh --measure` can say how much of the start-up and
//! memory targets the stack itself already takes (docs/performance.md, 2026-12-02).
//!
//! No plugins, no commands, no vault: a window (the app's size), its web view, and a page
//! served from a custom protocol (the app's own pages come from `tauri://` the same way) that
//! marks its first paint as the app's dashboard does (`data-painted-at`, two frames after it
//! runs). `--tuned` applies the app's WebKit settings (src/webkit_tuning.rs), to see them on
//! the bare stack too; `--tuned=cache,accel,webgl,pagecache` applies only those named, to
//! measure each on its own.
//!
//! cargo build --release --workspace --locked --examples   (target/release/examples/floor)

const PAGE: &str = "<!doctype html><title>Floor</title><p>Floor</p><script>requestAnimationFrame(()=>requestAnimationFrame(()=>document.body.setAttribute('data-painted-at',String(Date.now()))))</script>";

fn main() {
    // Which of the app's settings to apply: all with `--tuned`, some with `--tuned=a,b`.
    let tuned: Vec<String> = std::env::args()
        .filter_map(|a| match a.as_str() {
            "--tuned" => Some("cache,accel,webgl,pagecache".to_owned()),
            _ => a.strip_prefix("--tuned=").map(str::to_owned),
        })
        .flat_map(|list| list.split(',').map(str::to_owned).collect::<Vec<_>>())
        .collect();
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
            if !tuned.is_empty() {
                let on = move |name: &str| tuned.iter().any(|t| t == name);
                window.with_webview(move |platform| {
                    use webkit2gtk::{CacheModel, HardwareAccelerationPolicy, SettingsExt, WebContextExt, WebViewExt};
                    let view = platform.inner();
                    if let Some(context) = view.context()
                        && on("cache")
                    {
                        context.set_cache_model(CacheModel::DocumentViewer);
                    }
                    if let Some(settings) = WebViewExt::settings(&view) {
                        if on("accel") {
                            settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
                        }
                        if on("webgl") {
                            settings.set_enable_webgl(false);
                        }
                        if on("pagecache") {
                            settings.set_enable_page_cache(false);
                        }
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
