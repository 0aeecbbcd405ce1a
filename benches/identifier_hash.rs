//! The core's speed, with its baselines in the same run.
//!
//! Cases, for identifiers of 8, 29, 55, 56 and 120 bytes (55/56 is where the inner hash
//! goes from one padded block to two):
//! - `one-shot`: `identifier_hash(secret, identifier)`, key set up per call;
//! - `keyed`: `IdentityKey::identifier_hash_into`, midstates cached;
//! - `batch`: `IdentityKey::identifier_hashes_into` over 1,000 identifiers (reported per identifier);
//! - baselines: the `hmac` crate (key per call, and a cloned keyed `Hmac`) and `ring`
//!   (key per call, and a cached key), each hex-encoded into a stack buffer like ours;
//! - the floor: one `sha2::compress256` of one block in a dependent chain, so every figure
//!   reads as "compressions' worth".
//!
//! At the end it writes `target/bench/core.json` (median ns per operation, the floor, the
//! ratios and the targets) for the cross-language report.
//! Run: `cargo bench --bench identifier_hash` (about a minute).

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use chatwoot_identity::{identifier_hash, IdentityKey};
use criterion::{BenchmarkId, Criterion, Throughput};
use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::digest::generic_array::GenericArray;
use sha2::Sha256;

const SECRET: &[u8] = b"your-secret-token-for-hmac";
const LENGTHS: [usize; 5] = [8, 29, 55, 56, 120];
const BATCH: usize = 1000;
/// The length the targets are stated for.
const TARGET_LEN: usize = 29;

const FLOOR: &str = "sha256-compress-1-block";
const ONE_SHOT: &str = "one-shot";
const KEYED: &str = "keyed";
const BATCHED: &str = "batch";
const HMAC_PER_CALL: &str = "hmac-crate-key-per-call";
const HMAC_CLONED: &str = "hmac-crate-cloned-keyed";
const RING_PER_CALL: &str = "ring-key-per-call";
const RING_CACHED: &str = "ring-cached-key";
const CASES: [&str; 7] = [ONE_SHOT, KEYED, BATCHED, HMAC_PER_CALL, HMAC_CLONED, RING_PER_CALL, RING_CACHED];

/// An identifier of exactly `len` bytes that looks like one.
fn identifier(i: usize, len: usize) -> Vec<u8> {
    format!("user-{i:08}-unique-identifier-of-the-user")
        .bytes()
        .cycle()
        .take(len)
        .collect()
}

fn bench_floor(c: &mut Criterion) {
    let mut group = c.benchmark_group("floor");
    let block = GenericArray::clone_from_slice(&[0x5a; 64]);
    // One state carried through every iteration: each compression waits for the previous
    // one, as the compressions of one HMAC do.
    let mut state = [0u32; 8];
    group.bench_function(FLOOR, |b| {
        b.iter(|| sha2::compress256(black_box(&mut state), core::slice::from_ref(black_box(&block))))
    });
    group.finish();
}

fn bench_length(c: &mut Criterion, len: usize) {
    let mut group = c.benchmark_group("core");
    let id = identifier(0, len);
    let key = IdentityKey::new(SECRET).expect("valid secret");
    let mut out = [0u8; 64];

    group.bench_function(BenchmarkId::new(ONE_SHOT, len), |b| {
        b.iter(|| identifier_hash(black_box(SECRET), black_box(&id)).expect("valid"))
    });
    group.bench_function(BenchmarkId::new(KEYED, len), |b| {
        b.iter(|| key.identifier_hash_into(black_box(&id), &mut out).expect("valid"))
    });

    let ids: Vec<Vec<u8>> = (0..BATCH).map(|i| identifier(i, len)).collect();
    let mut offsets = vec![0usize];
    for id in &ids {
        offsets.push(offsets.last().expect("non-empty") + id.len());
    }
    let all = ids.concat();
    let mut batch_out = vec![0u8; 64 * BATCH];
    group.throughput(Throughput::Elements(BATCH as u64));
    group.bench_function(BenchmarkId::new(BATCHED, len), |b| {
        b.iter(|| key.identifier_hashes_into(black_box(&all), &offsets, &mut batch_out).expect("valid"))
    });
    group.throughput(Throughput::Elements(1));

    group.bench_function(BenchmarkId::new(HMAC_PER_CALL, len), |b| {
        b.iter(|| {
            let mut mac = Hmac::<Sha256>::new_from_slice(black_box(SECRET)).expect("any key length");
            mac.update(black_box(&id));
            hex::encode_to_slice(mac.finalize().into_bytes(), &mut out).expect("64 bytes");
        })
    });
    let keyed_hmac = Hmac::<Sha256>::new_from_slice(SECRET).expect("any key length");
    group.bench_function(BenchmarkId::new(HMAC_CLONED, len), |b| {
        b.iter(|| {
            let mut mac = keyed_hmac.clone();
            mac.update(black_box(&id));
            hex::encode_to_slice(mac.finalize().into_bytes(), &mut out).expect("64 bytes");
        })
    });
    group.bench_function(BenchmarkId::new(RING_PER_CALL, len), |b| {
        b.iter(|| {
            let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, black_box(SECRET));
            hex::encode_to_slice(ring::hmac::sign(&key, black_box(&id)), &mut out).expect("64 bytes");
        })
    });
    let ring_key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, SECRET);
    group.bench_function(BenchmarkId::new(RING_CACHED, len), |b| {
        b.iter(|| hex::encode_to_slice(ring::hmac::sign(&ring_key, black_box(&id)), &mut out).expect("64 bytes"))
    });
    group.finish();
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
}

/// Criterion's median for one benchmark, in ns per iteration, if this run measured it.
fn median_ns(dir: &Path, started: SystemTime) -> Option<f64> {
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
            info.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".to_owned())
}

/// Writes target/bench/core.json from this run's estimates and prints the summary.
fn write_summary(criterion_dir: &Path, started: SystemTime) {
    let Some(floor) = median_ns(&criterion_dir.join("floor").join(FLOOR), started) else {
        println!("core.json not written: the floor was not measured in this run (filtered, or test mode)");
        return;
    };
    let ns = |case: &str, len: usize| {
        let per_iteration = median_ns(&criterion_dir.join("core").join(case).join(len.to_string()), started)?;
        Some(if case == BATCHED { per_iteration / BATCH as f64 } else { per_iteration })
    };
    let round = |x: f64| (x * 1000.0).round() / 1000.0;

    let mut cases = Vec::new();
    println!("\nidentifier_hash core, median ns per hash (compressions' worth = ns / floor {floor:.1} ns)");
    println!("{:<26}{}", "case", LENGTHS.map(|l| format!("{:>16}", format!("{l} B"))).concat());
    for case in CASES {
        let mut line = format!("{case:<26}");
        for len in LENGTHS {
            match ns(case, len) {
                Some(v) => {
                    line += &format!("{:>16}", format!("{v:.1} ({:.2}c)", v / floor));
                    cases.push(json!({"case": case, "identifier_bytes": len, "ns": round(v),
                                      "compressions": round(v / floor)}));
                }
                None => line += &format!("{:>16}", "-"),
            }
        }
        println!("{line}");
    }

    // The targets, for the 29-byte identifier.
    let at = |case| ns(case, TARGET_LEN);
    let ratio = |num: Option<f64>, den: Option<f64>| Some(num? / den?);
    let targets = [
        ("keyed: compressions' worth", at(KEYED).map(|v| v / floor), "<=", 2.3),
        ("keyed: speedup over ring with a cached key", ratio(at(RING_CACHED), at(KEYED)), ">=", 1.6),
        ("one-shot: compressions' worth", at(ONE_SHOT).map(|v| v / floor), "<=", 4.6),
        ("one-shot: speedup over ring with the key per call", ratio(at(RING_PER_CALL), at(ONE_SHOT)), ">=", 1.3),
        ("batch: compressions' worth per identifier", at(BATCHED).map(|v| v / floor), "<=", 1.4),
    ];
    println!("\ntargets ({TARGET_LEN}-byte identifier)");
    let targets: Vec<Value> = targets
        .iter()
        .filter_map(|&(name, value, op, target)| {
            let value = value?;
            let met = if op == "<=" { value <= target } else { value >= target };
            println!("  {name:<52} {value:>6.2}  target {op} {target}  {}", if met { "met" } else { "NOT MET" });
            Some(json!({"name": name, "value": round(value), "op": op, "target": target, "met": met}))
        })
        .collect();

    let summary = json!({
        "generated_by": "cargo bench --bench identifier_hash",
        "statistic": "median of criterion's samples, ns per hash (batch: per identifier)",
        "cpu": cpu_model(),
        "sha_ni": chatwoot_identity::__private::shani_available(),
        "floor": {"case": FLOOR, "ns": round(floor)},
        "batch_size": BATCH,
        "secret_bytes": SECRET.len(),
        "baselines_hex_encode": true,
        "cases": cases,
        "targets": targets,
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

fn main() {
    let started = SystemTime::now();
    let criterion_dir = target_dir().join("criterion");
    // Short runs: the whole bench stays around a minute; the machine is shared, so
    // compare figures from one run rather than across runs.
    let mut c = Criterion::default()
        .output_directory(&criterion_dir)
        .warm_up_time(Duration::from_millis(400))
        .measurement_time(Duration::from_millis(1200))
        .sample_size(50)
        .nresamples(10_000)
        .configure_from_args();
    bench_floor(&mut c);
    for len in LENGTHS {
        bench_length(&mut c, len);
    }
    c.final_summary();
    write_summary(&criterion_dir, started);
}
