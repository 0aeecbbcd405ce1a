//! The core's speed, with its baselines in the same run.
//!
//! Cases, for identifiers of 8, 29, 55, 56 and 120 bytes (55/56 is where the inner hash
//! goes from one padded block to two):
//! - `one-shot`: `identifier_hash(secret, identifier)`, key set up per call;
//! - `keyed`: `IdentityKey::identifier_hash_into`, midstates cached;
//! - `batch`: `IdentityKey::identifier_hashes_into` over 1,000 identifiers (per identifier);
//! - baselines: the `hmac` crate (key per call, and a cloned keyed `Hmac`) and `ring`
//!   (key per call, and a cached key), each hex-encoded into a stack buffer like ours;
//! - the floor: one `sha2::compress256` of one block in a dependent chain, so every figure
//!   reads as "compressions' worth".
//!
//! Two measurements of the same functions:
//! 1. criterion (median of its samples), the usual report;
//! 2. then a few seconds of short bursts with the cases taken in turn, keeping each case's
//!    fastest burst: on a shared, loaded machine that minimum moves far less than a median,
//!    and every case sees the same load, so the ratios hold.
//!
//! Both go to `target/bench/core.json` (ns per hash, per identifier for batch; the floor;
//! the targets) for the cross-language report.
//! Run: `cargo bench --bench identifier_hash` (about a minute on a quiet machine).

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use chatwoot_identity::{identifier_hash, IdentityKey};
use criterion::{BenchmarkId, Criterion, Throughput};
use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::digest::generic_array::GenericArray;
use sha2::digest::typenum::U64;
use sha2::Sha256;

const SECRET: &[u8] = b"your-secret-token-for-hmac";
const LENGTHS: [usize; 5] = [8, 29, 55, 56, 120];
const BATCH: usize = 1000;
/// The length the targets are stated for.
const TARGET_LEN: usize = 29;
const FLOOR: &str = "sha256-compress-1-block";
const BATCHED: &str = "batch";

/// Everything the cases need, built once per identifier length.
struct Bench {
    id: Vec<u8>,
    key: IdentityKey,
    out: [u8; 64],
    all: Vec<u8>,
    offsets: Vec<usize>,
    batch_out: Vec<u8>,
    keyed_hmac: Hmac<Sha256>,
    ring_key: ring::hmac::Key,
    state: [u32; 8],
    block: GenericArray<u8, U64>,
}

/// An identifier of exactly `len` bytes that looks like one.
fn identifier(i: usize, len: usize) -> Vec<u8> {
    format!("user-{i:08}-unique-identifier-of-the-user").bytes().cycle().take(len).collect()
}

impl Bench {
    fn new(len: usize) -> Self {
        let ids: Vec<Vec<u8>> = (0..BATCH).map(|i| identifier(i, len)).collect();
        let mut offsets = vec![0usize];
        for id in &ids {
            offsets.push(offsets.last().expect("non-empty") + id.len());
        }
        Bench {
            id: identifier(0, len),
            key: IdentityKey::new(SECRET).expect("valid secret"),
            out: [0; 64],
            all: ids.concat(),
            offsets,
            batch_out: vec![0; 64 * BATCH],
            keyed_hmac: Hmac::new_from_slice(SECRET).expect("any key length"),
            ring_key: ring::hmac::Key::new(ring::hmac::HMAC_SHA256, SECRET),
            state: [0; 8],
            block: GenericArray::clone_from_slice(&[0x5a; 64]),
        }
    }
}

/// One `sha2::compress256`; the state carries over, so each waits for the previous one,
/// as the compressions of one HMAC do.
fn floor(b: &mut Bench) {
    sha2::compress256(black_box(&mut b.state), core::slice::from_ref(black_box(&b.block)));
}

fn one_shot(b: &mut Bench) {
    black_box(identifier_hash(black_box(SECRET), black_box(&b.id)).expect("valid"));
}

fn keyed(b: &mut Bench) {
    b.key.identifier_hash_into(black_box(&b.id), &mut b.out).expect("valid");
}

fn batch(b: &mut Bench) {
    b.key.identifier_hashes_into(black_box(&b.all), &b.offsets, &mut b.batch_out).expect("valid");
}

fn hmac_key_per_call(b: &mut Bench) {
    let mut mac = Hmac::<Sha256>::new_from_slice(black_box(SECRET)).expect("any key length");
    mac.update(black_box(&b.id));
    hex::encode_to_slice(mac.finalize().into_bytes(), &mut b.out).expect("64 bytes");
}

fn hmac_cloned_keyed(b: &mut Bench) {
    let mut mac = b.keyed_hmac.clone();
    mac.update(black_box(&b.id));
    hex::encode_to_slice(mac.finalize().into_bytes(), &mut b.out).expect("64 bytes");
}

fn ring_key_per_call(b: &mut Bench) {
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, black_box(SECRET));
    hex::encode_to_slice(ring::hmac::sign(&key, black_box(&b.id)), &mut b.out).expect("64 bytes");
}

fn ring_cached_key(b: &mut Bench) {
    hex::encode_to_slice(ring::hmac::sign(&b.ring_key, black_box(&b.id)), &mut b.out).expect("64 bytes");
}

type Case = (&'static str, fn(&mut Bench));

const CASES: [Case; 7] = [
    ("one-shot", one_shot),
    ("keyed", keyed),
    (BATCHED, batch),
    ("hmac-crate-key-per-call", hmac_key_per_call),
    ("hmac-crate-cloned-keyed", hmac_cloned_keyed),
    ("ring-key-per-call", ring_key_per_call),
    ("ring-cached-key", ring_cached_key),
];

/// Hashes per call of a case.
fn ops(case: &str) -> usize {
    if case == BATCHED {
        BATCH
    } else {
        1
    }
}

fn criterion_pass(c: &mut Criterion, benches: &mut [Bench]) {
    let mut group = c.benchmark_group("floor");
    let b = &mut benches[0];
    group.bench_function(FLOOR, |t| t.iter(|| floor(b)));
    group.finish();

    let mut group = c.benchmark_group("core");
    for (len, b) in LENGTHS.iter().zip(benches.iter_mut()) {
        for (name, run) in CASES {
            group.throughput(Throughput::Elements(ops(name) as u64));
            group.bench_function(BenchmarkId::new(name, len), |t| t.iter(|| run(b)));
        }
    }
    group.finish();
}

/// ns per hash of each (case, length) and of the floor: the fastest of many short bursts,
/// the cases taken in turn so that they all meet the same load.
fn burst_pass(benches: &mut [Bench], rounds: usize) -> (f64, Vec<Vec<f64>>) {
    fn burst(run: fn(&mut Bench), b: &mut Bench, calls: usize) -> f64 {
        let start = Instant::now();
        for _ in 0..calls {
            run(b);
        }
        start.elapsed().as_nanos() as f64 / calls as f64
    }
    let mut best_floor = f64::MAX;
    let mut best = vec![vec![f64::MAX; CASES.len()]; LENGTHS.len()];
    for _ in 0..rounds {
        best_floor = best_floor.min(burst(floor, &mut benches[0], 2000));
        for (row, b) in best.iter_mut().zip(benches.iter_mut()) {
            for ((name, run), cell) in CASES.iter().zip(row.iter_mut()) {
                // About 100 µs per burst: long enough to time, short enough to often
                // fall between other processes' time slices.
                let calls = if *name == BATCHED { 1 } else { 500 };
                *cell = cell.min(burst(*run, b, calls) / ops(name) as f64);
            }
        }
    }
    (best_floor, best)
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
}

/// Criterion's median for one benchmark, in ns per call, if this run measured it.
fn criterion_median(dir: &Path, started: SystemTime) -> Option<f64> {
    let file = dir.join("new").join("estimates.json");
    let fresh = std::fs::metadata(&file).and_then(|m| m.modified()).is_ok_and(|t| t >= started);
    if !fresh {
        return None;
    }
    let estimates: Value = serde_json::from_slice(&std::fs::read(file).ok()?).ok()?;
    estimates["median"]["point_estimate"].as_f64()
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            let line = info.lines().find(|l| l.starts_with("model name"))?.to_owned();
            Some(line.split(':').nth(1)?.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".to_owned())
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// One method's table: prints it and returns its JSON (rows and the targets).
fn report(method: &str, floor: f64, ns: &dyn Fn(usize, usize) -> Option<f64>) -> Value {
    println!("\n{method}: ns per hash (compressions' worth = ns / floor {floor:.1} ns)");
    println!("{:<26}{}", "case", LENGTHS.map(|l| format!("{:>16}", format!("{l} B"))).concat());
    let mut rows = Vec::new();
    for (c, (name, _)) in CASES.iter().enumerate() {
        let mut line = format!("{name:<26}");
        for (l, len) in LENGTHS.iter().enumerate() {
            let cell = match ns(c, l) {
                Some(v) => {
                    rows.push(json!({"case": name, "identifier_bytes": len, "ns": round3(v),
                                     "compressions": round3(v / floor)}));
                    format!("{v:.1} ({:.2}c)", v / floor)
                }
                None => "-".to_owned(),
            };
            line += &format!("{cell:>16}");
        }
        println!("{line}");
    }
    let l = LENGTHS.iter().position(|&l| l == TARGET_LEN).expect("target length is benched");
    let at = |name: &str| ns(CASES.iter().position(|(n, _)| *n == name).expect("a case"), l);
    let ratio = |num: Option<f64>, den: Option<f64>| Some(num? / den?);
    let targets = [
        ("keyed: compressions' worth", at("keyed").map(|v| v / floor), "<=", 2.3),
        ("keyed: speedup over ring with a cached key", ratio(at("ring-cached-key"), at("keyed")), ">=", 1.6),
        ("one-shot: compressions' worth", at("one-shot").map(|v| v / floor), "<=", 4.6),
        (
            "one-shot: speedup over ring with the key per call",
            ratio(at("ring-key-per-call"), at("one-shot")),
            ">=",
            1.3,
        ),
        ("batch: compressions' worth per identifier", at(BATCHED).map(|v| v / floor), "<=", 1.4),
    ];
    println!("targets ({TARGET_LEN}-byte identifier):");
    let targets: Vec<Value> = targets
        .iter()
        .filter_map(|&(name, value, op, target)| {
            let value = value?;
            let met = if op == "<=" { value <= target } else { value >= target };
            println!("  {name:<52} {value:>6.2}  (target {op} {target}: {})", if met { "met" } else { "NOT MET" });
            Some(json!({"name": name, "value": round3(value), "op": op, "target": target, "met": met}))
        })
        .collect();
    json!({"floor_ns": round3(floor), "rows": rows, "targets": targets})
}

fn main() {
    let started = SystemTime::now();
    let criterion_dir = target_dir().join("criterion");
    // Short runs keep the whole bench around a minute.
    let mut c = Criterion::default()
        .output_directory(&criterion_dir)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_millis(1000))
        .sample_size(40)
        .nresamples(10_000)
        .configure_from_args();
    let mut benches: Vec<Bench> = LENGTHS.iter().map(|&len| Bench::new(len)).collect();
    criterion_pass(&mut c, &mut benches);
    c.final_summary();

    let Some(floor_median) = criterion_median(&criterion_dir.join("floor").join(FLOOR), started) else {
        println!("core.json not written: not a full measuring run (a filter, --test or --list)");
        return;
    };
    let criterion_json = report("criterion median", floor_median, &|c, l| {
        let (name, _) = CASES[c];
        let dir = criterion_dir.join("core").join(name).join(LENGTHS[l].to_string());
        Some(criterion_median(&dir, started)? / ops(name) as f64)
    });
    let (floor_min, best) = burst_pass(&mut benches, 150);
    let burst_json = report("fastest burst (load-robust)", floor_min, &|c, l| Some(best[l][c]));

    let summary = json!({
        "generated_by": "cargo bench --bench identifier_hash",
        "unit": "ns per hash (batch: per identifier); compressions = ns / floor_ns",
        "cpu": cpu_model(),
        "sha_ni": chatwoot_identity::__private::shani_available(),
        "floor_case": FLOOR,
        "batch_size": BATCH,
        "secret_bytes": SECRET.len(),
        "baselines_include_hex_encoding": true,
        "criterion_median": criterion_json,
        "fastest_burst": burst_json,
    });
    let dir = target_dir().join("bench");
    let path = dir.join("core.json");
    let written = std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::write(&path, serde_json::to_vec_pretty(&summary).expect("serializable")));
    match written {
        Ok(()) => println!("\nwrote {}", path.display()),
        Err(e) => eprintln!("could not write {}: {e}", path.display()),
    }
}
