//! Work beside the caller on the second core: one job beside while the calling thread does
//! the other ([`beside`]), a list of jobs shared out between the two ([`share`]), or a job that
//! owns its data, left to run while the caller goes on ([`detach`]).
//!
//! The jobs run on a pool of two threads started once (rayon's), not on a thread started per
//! job: on this machine starting and joining a thread costs 30-70 µs (median 67 µs over 1,500),
//! handing a job to a waiting thread 6-10 µs, and a check hands out three or four jobs. The
//! caller works in place (`in_place_scope`), so it is never idle while its job waits. (rayon's
//! `join` from outside the pool was tried first and dropped: it hands both jobs to the pool, and
//! a 0.65 ms and a 0.85 ms job ran one after the other, 1.5 ms in all.) Two threads, so that a
//! detached job (the guarantee covers) never holds up the job a caller waits for.

use std::sync::OnceLock;

/// The pool, started on first use; `None` if no thread could be had (every job then runs on
/// the calling thread).
fn pool() -> Option<&'static rayon::ThreadPool> {
    static POOL: OnceLock<Option<rayon::ThreadPool>> = OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .thread_name(|i| format!("armistice-worker-{i}"))
            .build()
            .ok()
    })
    .as_ref()
}

/// Runs `beside` on a pool thread while this thread runs `here`; returns both results. A panic
/// in either is passed on.
pub fn beside<A, B, RA, RB>(beside: A, here: B) -> (RA, RB)
where
    A: FnOnce() -> RA + Send,
    RA: Send,
    B: FnOnce() -> RB,
{
    let Some(pool) = pool() else {
        return (beside(), here());
    };
    let mut theirs = None;
    let slot = &mut theirs;
    let mine = pool.in_place_scope(|scope| {
        scope.spawn(move |_| *slot = Some(beside()));
        here()
    });
    // The scope returns once the job has run (or passes its panic on), so the slot is full.
    match theirs {
        Some(theirs) => (theirs, mine),
        None => unreachable!("a scoped job that returned without a result"),
    }
}

/// Runs `job` on a pool thread, or here if there is no pool, and returns at once.
pub fn detach(job: impl FnOnce() + Send + 'static) {
    match pool() {
        Some(pool) => pool.spawn(job),
        None => job(),
    }
}

/// Runs `jobs` on this thread and on one beside it, each thread taking the next job not yet
/// taken, so that both finish about together whatever each job costs (list the largest first).
/// Each job leaves its result where its caller reads it. A panic in a job is passed on.
pub fn share(jobs: &[&(dyn Fn() + Sync)]) {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        while let Some(job) = jobs.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed)) {
            job();
        }
    };
    beside(work, work);
}

#[cfg(test)]
mod tests {
    use super::{beside, share};
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn both_results_come_back() {
        let data: Vec<u64> = (1..=1000).collect();
        let (sum, count) = beside(|| data.iter().sum::<u64>(), || data.len());
        assert_eq!((sum, count), (500_500, 1000));
    }

    #[test]
    fn shared_jobs_each_run_once() {
        let runs: Vec<AtomicUsize> = (0..9).map(|_| AtomicUsize::new(0)).collect();
        let threads = Mutex::new(std::collections::HashSet::new());
        let jobs: Vec<Box<dyn Fn() + Sync>> = (0..9)
            .map(|i| {
                let (runs, threads) = (&runs, &threads);
                Box::new(move || {
                    // Long enough for the thread beside to start and take a share.
                    std::thread::sleep(std::time::Duration::from_millis(20));
                    runs[i].fetch_add(1, Ordering::Relaxed);
                    if let Ok(mut t) = threads.lock() {
                        t.insert(std::thread::current().id());
                    }
                }) as Box<dyn Fn() + Sync>
            })
            .collect();
        let refs: Vec<&(dyn Fn() + Sync)> = jobs.iter().map(|j| j.as_ref()).collect();
        share(&refs);
        assert!(runs.iter().all(|r| r.load(Ordering::Relaxed) == 1));
        assert_eq!(
            threads.lock().map(|t| t.len()).unwrap_or(0),
            2,
            "both threads worked"
        );
    }

    #[test]
    fn a_detached_job_runs() {
        let (done, result) = std::sync::mpsc::channel();
        super::detach(move || {
            let _ = done.send(21 * 2);
        });
        assert_eq!(result.recv().ok(), Some(42));
    }

    #[test]
    #[should_panic(expected = "beside")]
    fn a_panic_beside_is_passed_on() {
        let _: ((), ()) = beside(|| panic!("beside"), || ());
    }
}
