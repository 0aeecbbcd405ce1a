//! A short random run of the render fuzz target's check (test-support/src/lib.rs) on stable Rust:
//! the committed seeds, mutated, plus random bytes, so `make test` explores beyond the corpus
//! even where cargo-fuzz is not installed. `RENDER_RANDOM_CASES` sets the count (default 20,000).

#![cfg(feature = "capi")] // tests the C entry points: `cargo test --features capi`

#[path = "../test-support/src/lib.rs"]
#[allow(dead_code)]
mod checks;

use rand::{Rng, SeedableRng};

#[test]
fn random_render_inputs_keep_every_promise() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/render");
    let seeds: Vec<Vec<u8>> =
        std::fs::read_dir(&dir).expect("render corpus").map(|e| std::fs::read(e.unwrap().path()).unwrap()).collect();
    assert!(!seeds.is_empty());
    let cases: usize = std::env::var("RENDER_RANDOM_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(20_000);
    let seed: u64 = rand::random();
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    // Bytes worth inserting: HTML and JS specials, quotes, escapes, UTF-8 of U+2028 and non-BMP.
    let specials: [&[u8]; 10] = [
        b"<",
        b"</script",
        b"<!--",
        b"'",
        b"\"",
        b"\\",
        b"&",
        "\u{2028}".as_bytes(),
        "\u{1F600}".as_bytes(),
        b"\\ud800",
    ];
    for i in 0..cases {
        let mut data = if rng.gen_bool(0.8) {
            seeds[rng.gen_range(0..seeds.len())].clone()
        } else {
            (0..rng.gen_range(0..64)).map(|_| rng.gen()).collect()
        };
        for _ in 0..rng.gen_range(0..4) {
            let at = rng.gen_range(0..=data.len());
            match rng.gen_range(0..3) {
                0 if !data.is_empty() => {
                    let last = data.len() - 1;
                    data[at.min(last)] = rng.gen();
                }
                1 => data.splice(at..at, specials[rng.gen_range(0..specials.len())].iter().copied()).for_each(drop),
                _ => data.truncate(at),
            }
        }
        if std::panic::catch_unwind(|| checks::check_render(&data)).is_err() {
            panic!("case {i} (seed {seed}) failed for input {data:?}");
        }
    }
    let rendered = checks::RENDERED.load(std::sync::atomic::Ordering::Relaxed);
    assert!(rendered * 10 >= cases, "only {rendered} of {cases} inputs rendered: the run never reached the escaping");
    eprintln!("render_random: {cases} inputs, {rendered} rendered (seed {seed})");
}
