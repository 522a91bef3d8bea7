//! The corpus's only source of chance. Both pieces are written out here rather than taken from
//! a crate, so that a seed names the same notebook on every machine and with every version of
//! every dependency.

/// splitmix64: a few lines, fast, and good enough for made-up text.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next()) * n as u128) >> 64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True about `per_thousand` times in a thousand.
    pub fn chance(&mut self, per_thousand: usize) -> bool {
        self.below(1000) < per_thousand
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Draws ranks with probability proportional to given weights (inverse-CDF on a table).
pub struct Zipf {
    cumulative: Vec<f64>,
}

impl Zipf {
    /// Weights `1 / (rank + 2.7)`: a Zipf-Mandelbrot law, built from divisions only so the
    /// table, and with it the corpus, is the same on every machine.
    pub fn new(len: usize, tail_from: usize) -> Self {
        let mut total = 0.0;
        let cumulative = (0..len)
            .map(|rank| {
                let mut weight = 1.0 / (rank as f64 + 2.7);
                // Real notes reuse their everyday words more than a pure Zipf law predicts;
                // halving the made-up tail keeps it at about a tenth of all words.
                if rank >= tail_from {
                    weight *= 0.5;
                }
                total += weight;
                total
            })
            .collect();
        Zipf { cumulative }
    }

    pub fn sample(&self, rng: &mut Rng) -> usize {
        let target = rng.unit() * self.cumulative[self.cumulative.len() - 1];
        self.cumulative
            .partition_point(|&c| c <= target)
            .min(self.cumulative.len() - 1)
    }
}
