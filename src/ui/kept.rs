//! Page state kept while the user is on another tab: a page's filters and
//! open editor, and what each journey's editor set aside, are where they
//! were left on coming back. The shell holds one `Kept` per kind of such
//! state; pages read it when they mount and write it as it changes, which
//! redraws nothing.

use std::cell::RefCell;
use std::rc::Rc;

/// A page's own view state, shared with the shell.
pub struct Kept<T>(Rc<RefCell<T>>);

impl<T> Clone for Kept<T> {
    fn clone(&self) -> Self {
        Kept(self.0.clone())
    }
}

impl<T> PartialEq for Kept<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T: Default> Default for Kept<T> {
    fn default() -> Self {
        Kept(Rc::new(RefCell::new(T::default())))
    }
}

impl<T: Clone> Kept<T> {
    pub fn get(&self) -> T {
        self.0.borrow().clone()
    }

    pub fn set(&self, value: T) {
        *self.0.borrow_mut() = value;
    }
}

impl<T> Kept<T> {
    /// Reads or changes the value in place, for state too big to copy on
    /// every render.
    pub fn with<R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        f(&mut self.0.borrow_mut())
    }
}
