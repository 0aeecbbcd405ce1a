//! Constant-time evidence for `cw_verify` and `cw_key_verify`: a dudect-style test
//! (Reparaz, Balasch, Verbauwhede, "Dude, is my code constant time?", 2017).
//!
//! For each pair of input classes, calls are timed in a random interleaving (so drift and
//! noise hit both classes alike), and Welch's t statistic compares the two timing
//! distributions, over all measurements and cropped at several percentiles (cropping drops
//! the long tail of preemptions, as dudect does). |t| < 4.5 is the usual bar: no timing
//! difference detectable with this many measurements. Classes:
//! - first-vs-last: a wrong hash differing from the right one in its first byte, against one
//!   differing in its last byte (an early-exit comparison leaks exactly this);
//! - right-vs-wrong: the right hash against random wrong hashes.
//!
//! A control runs the same harness on a naive early-exit comparison: it must show a large
//! |t|, proving the harness can see a leak of that size on this machine.
//!
//! `make bench-ct` (`cargo bench --bench constant_time`); CT_MEASUREMENTS sets the number
//! per class (default 1,000,000). Not a test: timing is never asserted in CI. Writes
//! target/bench/constant_time.json.

use std::hint::black_box;

use chatwoot_identity::ffi::{cw_key_free, cw_key_new, cw_key_verify, cw_verify, CwKey, CwStatus};

const SECRET: &[u8] = b"your-secret-token-for-hmac";
const IDENTIFIER: &[u8] = b"unique-identifier-of-the-user";
const RIGHT: &[u8; 64] = b"fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c";
/// Percentiles at which the samples are cropped (1.0 = all samples).
const CROPS: [f64; 6] = [1.0, 0.99, 0.95, 0.90, 0.75, 0.50];

/// A timestamp in cycles (TSC, fenced so the call cannot drift across it) or nanoseconds.
#[inline(always)]
fn now() -> u64 {
    #[cfg(target_arch = "x86_64")]
    unsafe {
        use core::arch::x86_64::{_mm_lfence, _rdtsc};
        _mm_lfence();
        let t = _rdtsc();
        _mm_lfence();
        t
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        use std::sync::OnceLock;
        use std::time::Instant;
        static START: OnceLock<Instant> = OnceLock::new();
        START.get_or_init(Instant::now).elapsed().as_nanos() as u64
    }
}

/// xorshift64*: the class order and the random wrong hashes (not cryptographic; it only
/// has to be independent of the code under test).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

/// Welch's t statistic of two samples, with Welford's running mean and variance.
#[derive(Default, Clone, Copy)]
struct Welch {
    n: [f64; 2],
    mean: [f64; 2],
    m2: [f64; 2],
}

impl Welch {
    fn push(&mut self, class: usize, x: f64) {
        self.n[class] += 1.0;
        let delta = x - self.mean[class];
        self.mean[class] += delta / self.n[class];
        self.m2[class] += delta * (x - self.mean[class]);
    }

    fn t(&self) -> f64 {
        if self.n[0] < 2.0 || self.n[1] < 2.0 {
            return 0.0; // a crop that kept (almost) nothing of a class says nothing
        }
        let var = |c: usize| self.m2[c] / (self.n[c] - 1.0);
        let spread = (var(0) / self.n[0] + var(1) / self.n[1]).sqrt();
        let diff = self.mean[0] - self.mean[1];
        // Every sample of the crop equal (a coarse timer): no difference, or an infinite one.
        if spread == 0.0 {
            return if diff == 0.0 { 0.0 } else { f64::INFINITY.copysign(diff) };
        }
        diff / spread
    }
}

struct Outcome {
    name: String,
    per_class: usize,
    t_all: f64,
    t_max: f64,
    crop_of_max: f64,
    mean: [f64; 2],
}

/// Times `per_class` calls of each class in a random order and computes the t statistics.
/// As in dudect, each batch's inputs are prepared before it is timed, one slot per call, so
/// both classes read their input the same way (a constant for one class and a table for the
/// other would show up as a cache effect of the harness, not of the code under test).
/// `input(class, rng)` makes one input; `call` must return `expected[class]`.
fn run(
    name: &str,
    per_class: usize,
    rng: &mut Rng,
    input: impl Fn(usize, &mut Rng) -> [u8; 64],
    expected: [bool; 2],
    call: impl Fn(&[u8]) -> bool,
) -> Outcome {
    const BATCH: usize = 10_000;
    let mut classes: Vec<u8> = (0..2 * per_class).map(|i| (i % 2) as u8).collect();
    for i in (1..classes.len()).rev() {
        classes.swap(i, (rng.next() % (i as u64 + 1)) as usize);
    }
    for i in 0..20_000 {
        assert_eq!(call(&input(i % 2, rng)), expected[i % 2], "{name}: wrong answer during warm-up");
    }
    let mut samples = Vec::with_capacity(classes.len());
    let mut wrong = 0usize;
    for batch in classes.chunks(BATCH) {
        let inputs: Vec<[u8; 64]> = batch.iter().map(|&c| input(c as usize, rng)).collect();
        for (&class, data) in batch.iter().zip(&inputs) {
            let start = now();
            let answer = call(data);
            let end = now();
            wrong += usize::from(answer != expected[class as usize]);
            samples.push(end.wrapping_sub(start));
        }
    }
    assert_eq!(wrong, 0, "{name}: {wrong} calls gave the wrong answer");

    let mut sorted = samples.clone();
    sorted.sort_unstable();
    if std::env::var_os("CT_DEBUG").is_some() {
        let q = |p: f64| sorted[((sorted.len() as f64 * p) as usize).min(sorted.len() - 1)];
        eprintln!(
            "{name}: percentiles 1% {} 10% {} 50% {} 90% {} 99% {} max {}",
            q(0.01),
            q(0.1),
            q(0.5),
            q(0.9),
            q(0.99),
            q(1.0)
        );
    }
    let mut tests = [Welch::default(); CROPS.len()];
    let thresholds: Vec<u64> =
        CROPS.iter().map(|&p| sorted[((sorted.len() as f64 * p) as usize).min(sorted.len() - 1)]).collect();
    for (&class, &x) in classes.iter().zip(&samples) {
        for (test, &limit) in tests.iter_mut().zip(&thresholds) {
            if x <= limit {
                test.push(class as usize, x as f64);
            }
        }
    }
    let (i_max, t_max) =
        tests.iter().map(Welch::t).enumerate().max_by(|a, b| a.1.abs().total_cmp(&b.1.abs())).expect("crops");
    Outcome {
        name: name.to_string(),
        per_class,
        t_all: tests[0].t(),
        t_max,
        crop_of_max: CROPS[i_max],
        mean: tests[1].mean, // at the 99th percentile: the tail of preemptions would swamp it
    }
}

/// A random lowercase-hex hash (never the right one, with overwhelming probability: checked).
fn random_wrong(rng: &mut Rng) -> [u8; 64] {
    let mut h = [0u8; 64];
    for b in &mut h {
        *b = b"0123456789abcdef"[(rng.next() % 16) as usize];
    }
    h
}

fn one_shot(hash: &[u8]) -> bool {
    let (s, i, h) = black_box((SECRET, IDENTIFIER, hash));
    unsafe { cw_verify(s.as_ptr(), s.len(), i.as_ptr(), i.len(), h.as_ptr().cast(), h.len()) }
}

fn keyed(key: *const CwKey, hash: &[u8]) -> bool {
    let (k, i, h) = black_box((key, IDENTIFIER, hash));
    unsafe { cw_key_verify(k, i.as_ptr(), i.len(), h.as_ptr().cast(), h.len()) }
}

/// The control: what an early-exit comparison looks like to this harness.
#[inline(never)]
fn naive_equal(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    for (x, y) in a.iter().zip(b) {
        if black_box(x) != black_box(y) {
            return false;
        }
    }
    true
}

fn main() {
    let per_class: usize = std::env::var("CT_MEASUREMENTS").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ u64::from(std::process::id()));

    let flip = |at: usize| {
        let mut h = *RIGHT;
        h[at] = if h[at] == b'0' { b'1' } else { b'0' };
        h
    };
    let (first, last) = (flip(0), flip(63));
    let mut key: *mut CwKey = std::ptr::null_mut();
    assert_eq!(unsafe { cw_key_new(SECRET.as_ptr(), SECRET.len(), &mut key) }, CwStatus::Ok);

    println!("dudect-style Welch t-test, {per_class} measurements per class (timer: {})", timer_name());
    let first_or_last = |c: usize, _: &mut Rng| if c == 0 { first } else { last };
    let right_or_random = |c: usize, rng: &mut Rng| if c == 0 { *RIGHT } else { random_wrong(rng) };
    let outcomes = vec![
        run(
            "cw_verify: first byte differs vs last byte differs",
            per_class,
            &mut rng,
            first_or_last,
            [false, false],
            one_shot,
        ),
        run("cw_verify: right vs wrong (random)", per_class, &mut rng, right_or_random, [true, false], one_shot),
        run(
            "cw_key_verify: first byte differs vs last byte differs",
            per_class,
            &mut rng,
            first_or_last,
            [false, false],
            |h| keyed(key, h),
        ),
        run("cw_key_verify: right vs wrong (random)", per_class, &mut rng, right_or_random, [true, false], |h| {
            keyed(key, h)
        }),
        run(
            "control, early-exit compare: first vs last byte differs",
            per_class,
            &mut rng,
            first_or_last,
            [false, false],
            |h| naive_equal(black_box(RIGHT), h),
        ),
    ];
    unsafe { cw_key_free(key) };

    println!(
        "{:<58} {:>10} {:>10} {:>6} {:>12} {:>12}",
        "classes", "t (all)", "max |t|", "crop", "mean0 p99", "mean1 p99"
    );
    for o in &outcomes {
        let verdict = if o.name.starts_with("control") {
            if o.t_max.abs() >= 4.5 {
                "leak detected, as it must be"
            } else {
                "CONTROL NOT DETECTED: harness too noisy"
            }
        } else if o.t_max.abs() < 4.5 {
            "ok (|t| < 4.5)"
        } else {
            "LEAK? (|t| >= 4.5)"
        };
        println!(
            "{:<58} {:>10.2} {:>10.2} {:>5.0}% {:>12.1} {:>12.1}  {verdict}",
            o.name,
            o.t_all,
            o.t_max,
            o.crop_of_max * 100.0,
            o.mean[0],
            o.mean[1]
        );
    }
    write_json(&outcomes);
}

fn timer_name() -> &'static str {
    if cfg!(target_arch = "x86_64") {
        "rdtsc cycles"
    } else {
        "ns"
    }
}

fn write_json(outcomes: &[Outcome]) {
    let rows: Vec<String> = outcomes
        .iter()
        .map(|o| {
            format!(
                "{{\"classes\": {:?}, \"measurements_per_class\": {}, \"t_all\": {:.3}, \"max_abs_t\": {:.3}, \"crop_percentile\": {}}}",
                o.name,
                o.per_class,
                o.t_all,
                o.t_max.abs(),
                o.crop_of_max * 100.0
            )
        })
        .collect();
    let json = format!(
        "{{\"test\": \"dudect-style Welch t-test\", \"bar\": 4.5, \"rows\": [\n  {}\n]}}\n",
        rows.join(",\n  ")
    );
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    if std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(dir.join("constant_time.json"), json)).is_ok() {
        println!("wrote target/bench/constant_time.json");
    }
}
