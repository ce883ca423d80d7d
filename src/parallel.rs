//! Work beside the caller on the second core: one job on a thread of its own while the calling
//! thread does the other ([`beside`]), or a list of jobs shared out between the two ([`share`]).
//!
//! A scoped thread per job, not a pool: a check asks for two such jobs, a thread costs tens of
//! microseconds to start, and an idle pool's threads spin for work on a two-core machine, taking
//! the core the caller needs (measured with rayon: `join` from outside its pool ran a 0.65 ms and
//! a 0.85 ms job one after the other, 1.5 ms in all).

/// Runs `beside` on a thread of its own while this thread runs `here`; returns both results. A
/// panic in either is passed on.
pub fn beside<A, B, RA, RB>(beside: A, here: B) -> (RA, RB)
where
    A: FnOnce() -> RA + Send,
    RA: Send,
    B: FnOnce() -> RB,
{
    std::thread::scope(|scope| {
        let job = scope.spawn(beside);
        let mine = here();
        match job.join() {
            Ok(theirs) => (theirs, mine),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
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
    #[should_panic(expected = "beside")]
    fn a_panic_beside_is_passed_on() {
        let _: ((), ()) = beside(|| panic!("beside"), || ());
    }
}
