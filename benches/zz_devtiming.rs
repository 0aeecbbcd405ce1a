// THROWAWAY dev harness (not for commit): min-of-bursts timing, cases alternated.
use std::hint::black_box;
use std::time::Instant;
use chatwoot_identity::{identifier_hash, IdentityKey};
use sha2::digest::generic_array::GenericArray;

fn min_ns(f: &mut dyn FnMut(), iters: u32) -> f64 {
    let t = Instant::now();
    for _ in 0..iters { f(); }
    t.elapsed().as_nanos() as f64 / iters as f64
}

#[test]
fn timing() {
    let secret = b"your-secret-token-for-hmac";
    let key = IdentityKey::new(secret).unwrap();
    let block = GenericArray::clone_from_slice(&[0x5au8; 64]);
    let mut state = [0u32; 8];
    let mut out = [0u8; 64];
    let lens = [8usize, 29, 55, 56, 120];
    let mut best = vec![f64::MAX; 1 + 3 * lens.len()];
    let batches: Vec<(Vec<u8>, Vec<usize>)> = lens.iter().map(|&l| {
        let ids: Vec<u8> = (0..1000).flat_map(|i| format!("user-{i:08}-unique-identifier-of-the-user").bytes().cycle().take(l).collect::<Vec<u8>>()).collect();
        ((ids), (0..=1000).map(|i| i * l).collect())
    }).collect();
    let mut bout = vec![0u8; 64000];
    for _round in 0..300 {
        best[0] = best[0].min(min_ns(&mut || sha2::compress256(black_box(&mut state), core::slice::from_ref(black_box(&block))), 2000));
        for (j, &l) in lens.iter().enumerate() {
            let id = &batches[j].0[..l];
            best[1 + 3 * j] = best[1 + 3 * j].min(min_ns(&mut || key.identifier_hash_into(black_box(id), &mut out).unwrap(), 2000));
            best[2 + 3 * j] = best[2 + 3 * j].min(min_ns(&mut || { black_box(identifier_hash(black_box(secret), black_box(id)).unwrap()); }, 1000));
            best[3 + 3 * j] = best[3 + 3 * j].min(min_ns(&mut || key.identifier_hashes_into(black_box(&batches[j].0), &batches[j].1, &mut bout).unwrap(), 2) / 1000.0);
        }
    }
    let f = best[0];
    println!("floor {f:.1} ns");
    for (j, l) in lens.iter().enumerate() {
        println!("len {l:>3}: keyed {:6.1} ({:.2}c)  one-shot {:6.1} ({:.2}c)  batch {:6.1} ({:.2}c)",
            best[1+3*j], best[1+3*j]/f, best[2+3*j], best[2+3*j]/f, best[3+3*j], best[3+3*j]/f);
    }
}
