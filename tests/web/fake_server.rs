//! A test double for Grafana's API: replaces `window.fetch` for the duration of a test,
//! answers from a handler (status, body, delay), records every URL, and honours
//! `AbortSignal` like the real `fetch` (an aborted request rejects with `AbortError`).

use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// What the fake answers to one request.
pub struct Reply {
    pub status: u16,
    pub body: String,
    pub delay_ms: i32,
}

impl Reply {
    pub fn json(status: u16, body: serde_json::Value) -> Self {
        Self {
            status,
            body: body.to_string(),
            delay_ms: 0,
        }
    }
    pub fn after(mut self, ms: i32) -> Self {
        self.delay_ms = ms;
        self
    }
}

pub struct FakeServer {
    pub calls: Rc<RefCell<Vec<(String, String)>>>,
    original: JsValue,
    _fetch: Closure<dyn FnMut(JsValue, JsValue) -> js_sys::Promise>,
}

impl FakeServer {
    /// Installs the fake; `handler(method, url)` decides each answer.
    pub fn install(handler: impl Fn(&str, &str) -> Reply + 'static) -> Self {
        let window = web_sys::window().unwrap();
        let original = js_sys::Reflect::get(&window, &"fetch".into()).unwrap();
        let calls: Rc<RefCell<Vec<(String, String)>>> = Rc::default();
        let log = calls.clone();
        let fetch = Closure::<dyn FnMut(JsValue, JsValue) -> js_sys::Promise>::new(
            move |input: JsValue, _init: JsValue| {
                let request: web_sys::Request = input.unchecked_into();
                let (method, url) = (request.method(), request.url());
                log.borrow_mut().push((method.clone(), url.clone()));
                let reply = handler(&method, &url);
                let signal = request.signal();
                js_sys::Promise::new(&mut |resolve, reject| {
                    let signal = signal.clone();
                    let Reply {
                        status,
                        body,
                        delay_ms,
                    } = Reply {
                        status: reply.status,
                        body: reply.body.clone(),
                        delay_ms: reply.delay_ms,
                    };
                    let answer = Closure::once_into_js(move || {
                        if signal.aborted() {
                            let e = web_sys::DomException::new_with_message_and_name(
                                "aborted",
                                "AbortError",
                            )
                            .unwrap();
                            let _ = reject.call1(&JsValue::NULL, &e);
                            return;
                        }
                        let init = web_sys::ResponseInit::new();
                        init.set_status(status);
                        let response =
                            web_sys::Response::new_with_opt_str_and_init(Some(&body), &init)
                                .unwrap();
                        let _ = resolve.call1(&JsValue::NULL, &response);
                    });
                    web_sys::window()
                        .unwrap()
                        .set_timeout_with_callback_and_timeout_and_arguments_0(
                            answer.unchecked_ref(),
                            delay_ms,
                        )
                        .unwrap();
                })
            },
        );
        js_sys::Reflect::set(&window, &"fetch".into(), fetch.as_ref()).unwrap();
        Self {
            calls,
            original,
            _fetch: fetch,
        }
    }

    /// URLs requested so far whose path contains `part`.
    pub fn urls_with(&self, part: &str) -> Vec<String> {
        self.calls
            .borrow()
            .iter()
            .filter(|(_, u)| u.contains(part))
            .map(|(_, u)| u.clone())
            .collect()
    }
}

impl Drop for FakeServer {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            let _ = js_sys::Reflect::set(&window, &"fetch".into(), &self.original);
        }
    }
}

/// Waits `ms` milliseconds (real time, so debounces and delays elapse).
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Polls `cond` every 20 ms for up to `ms`.
pub async fn eventually(ms: i32, cond: impl Fn() -> bool) -> bool {
    let mut waited = 0;
    while waited <= ms {
        if cond() {
            return true;
        }
        sleep(20).await;
        waited += 20;
    }
    false
}
