//! The process's memory. glibc gives each thread that allocates its own malloc arena, and
//! memory freed in an arena stays there for that arena's threads: the UI, which decodes
//! 100,000 notes' facts on one thread and arranges walls on others, kept about 20 MB more
//! resident than it used. With two arenas, on the 100,000-note benchmark notebook, the UI
//! with every board view shown measured 181 MB resident against 199; a full index build was
//! no slower (25.7 s against 25.9).

/// Lets the allocator keep at most two arenas in this process (glibc only).
pub fn fewer_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt sets a tuning parameter of glibc's allocator, which it takes under its
    // own lock; it touches no memory of ours.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}
