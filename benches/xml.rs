//! `ErrorResponse::from_xml` against `quick-xml`'s serde deserialization into
//! an equivalent derived struct, on the same bodies. Also counts allocations.

use std::alloc::{GlobalAlloc, Layout, System};
use std::collections::BTreeMap;
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};

use ci_errors::ErrorResponse;
use criterion::{criterion_group, criterion_main, Criterion};
use serde::Deserialize;

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// The serde baseline: the same document as a derived struct, unknown elements kept in a map.
#[derive(Debug, Deserialize)]
#[serde(rename = "Error")]
#[allow(dead_code)]
struct SerdeError {
    #[serde(rename = "Code")]
    code: String,
    #[serde(rename = "Message")]
    message: Option<String>,
    #[serde(rename = "RequestId")]
    request_id: Option<String>,
    #[serde(rename = "TraceId")]
    trace_id: Option<String>,
    #[serde(flatten)]
    extra: BTreeMap<String, Text>,
}

/// An unknown element's text, as quick-xml's serde support represents it.
#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Text {
    #[serde(rename = "$text", default)]
    text: String,
}

const SEED: &str = "<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n\t<Code>AccessDenied</Code>\n\t<Message>The operation is prohibited.</Message>\n\t<RequestId>NjFhYjM0ZTdfOTBmYTUwNjRfNjVmOF8x</RequestId>\n\t<TraceId>OGVmYzZiMmQzYjA2OWNhODk0NTRkMTBiOWVmMDAxODc0OWRkZjk0ZDM1NmI1M2E2MTRlY2MzZDhmNmI5MWI1OTBjYzE2MjAxN2M1MzJiOTdkZjMxMDVlYTZjN2FiMmI0N2VlYTAzZGFmYzZkMzM1OGJhNmM2OTc3</TraceId>\n</Error>\n";
const EXTRA: &str = "<Error>\n  <Code>NoSuchKey</Code>\n  <Message>The specified key does not exist.</Message>\n  <Resource>/examplebucket-1250000000/exampleobject</Resource>\n  <RequestId>NjFhYjM0ZTdfOTBmYTUw</RequestId>\n  <TraceId>OGVmYzZiMmQzYjA2OWNh</TraceId>\n  <HostId>host-1</HostId>\n</Error>\n";
const ENTITIES: &str = "<Error><Code>InvalidArgument</Code><Message>Parameter &quot;x-ci-id&quot; &amp; &lt;header&gt; are invalid &#x4E2D;&#25991;</Message><RequestId>r&amp;1</RequestId><TraceId>t</TraceId></Error>";

fn allocations(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    f();
    ALLOCATIONS.load(Ordering::Relaxed) - before
}

fn bench(c: &mut Criterion) {
    for (name, body) in [
        ("seed", SEED),
        ("extra_elements", EXTRA),
        ("entities", ENTITIES),
    ] {
        let ours = ErrorResponse::from_xml(body.as_bytes()).unwrap();
        let theirs: SerdeError = quick_xml::de::from_str(body).unwrap();
        assert_eq!(ours.code.as_str(), theirs.code);
        assert_eq!(ours.message, theirs.message);
        let a = allocations(|| drop(black_box(ErrorResponse::from_xml(body.as_bytes()))));
        let b = allocations(|| drop(black_box(quick_xml::de::from_str::<SerdeError>(body))));
        let fields = 4 + ours.extra.len();
        println!("allocations/{name}: generated {a}, serde {b} (body has {fields} elements)");

        let mut group = c.benchmark_group(format!("xml/{name}"));
        group.bench_function("generated", |bench| {
            bench.iter(|| ErrorResponse::from_xml(black_box(body.as_bytes())).unwrap())
        });
        group.bench_function("serde", |bench| {
            bench.iter(|| quick_xml::de::from_str::<SerdeError>(black_box(body)).unwrap())
        });
        group.finish();
    }
}

/// A body with `n` distinct unknown elements: reading it is linear in `n`
/// (it was quadratic while each new name was checked by a scan).
fn unknown_elements(n: usize) -> String {
    let mut body = String::from("<Error><Code>A</Code>");
    for i in 0..n {
        body.push_str(&format!("<X{i}>v</X{i}>"));
    }
    body.push_str("</Error>");
    body
}

fn bench_unknown(c: &mut Criterion) {
    let limits = ci_errors::xml::Limits::default().with_max_body_bytes(usize::MAX);
    let mut group = c.benchmark_group("xml/distinct_unknown_elements");
    for n in [1_000, 8_000] {
        let body = unknown_elements(n);
        assert_eq!(
            ErrorResponse::from_xml_with(body.as_bytes(), &limits)
                .unwrap()
                .extra
                .len(),
            n
        );
        group.bench_function(format!("{n}"), |bench| {
            bench
                .iter(|| ErrorResponse::from_xml_with(black_box(body.as_bytes()), &limits).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, bench, bench_unknown);
criterion_main!(benches);
