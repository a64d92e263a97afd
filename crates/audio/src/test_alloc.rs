//! For this crate's tests: the system allocator, counting the allocations a thread makes while
//! it is being watched, so a test can show that real-time code allocates nothing, and the bytes
//! it holds on to, so a test can show that listening to a long take does not keep its audio.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct Counting;

thread_local! {
    static WATCHED: Cell<Option<usize>> = const { Cell::new(None) };
    static HELD: Cell<Option<isize>> = const { Cell::new(None) };
}

fn add_held(bytes: isize) {
    let _ = HELD.try_with(|h| {
        if let Some(n) = h.get() {
            h.set(Some(n + bytes));
        }
    });
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // try_with: during thread teardown the thread-local may already be gone.
        let _ = WATCHED.try_with(|w| {
            if let Some(n) = w.get() {
                w.set(Some(n + 1));
            }
        });
        add_held(layout.size() as isize);
        // SAFETY: forwarded unchanged to the system allocator, which has the same contract.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        add_held(-(layout.size() as isize));
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// How many allocations `work` makes on the calling thread.
pub fn count_on_this_thread(work: impl FnOnce()) -> usize {
    WATCHED.with(|w| w.set(Some(0)));
    work();
    WATCHED.with(|w| w.replace(None)).unwrap_or(0)
}

/// Bytes allocated and not freed by the calling thread while `work` ran.
pub fn bytes_kept_on_this_thread(work: impl FnOnce()) -> isize {
    HELD.with(|h| h.set(Some(0)));
    work();
    HELD.with(|h| h.replace(None)).unwrap_or(0)
}
