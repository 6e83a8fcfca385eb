//! The common start and end of two byte strings, eight bytes at a time:
//! where a word diff begins (a paragraph edited in one word is mostly
//! its common ends) and what the rule of similarity looks at first.

/// The length of the common start of two byte strings, eight bytes at a
/// time (a byte at a time, with the backing off to a word's start, was a
/// fifth of a paragraph's word diff when it differs in one word).
pub fn common_prefix(x: &[u8], y: &[u8]) -> usize {
    let n = x.len().min(y.len());
    let mut k = 0;
    while k + 8 <= n {
        let d = u64::from_le_bytes(x[k..k + 8].try_into().expect("eight bytes"))
            ^ u64::from_le_bytes(y[k..k + 8].try_into().expect("eight bytes"));
        if d != 0 {
            return k + (d.trailing_zeros() / 8) as usize;
        }
        k += 8;
    }
    k + x[k..n].iter().zip(&y[k..n]).take_while(|(c, d)| c == d).count()
}

/// The length of the common end of two byte strings, eight bytes at a time.
pub fn common_suffix(x: &[u8], y: &[u8]) -> usize {
    let n = x.len().min(y.len());
    let (xe, ye) = (x.len(), y.len());
    let mut k = 0;
    while k + 8 <= n {
        let d = u64::from_be_bytes(x[xe - k - 8..xe - k].try_into().expect("eight bytes"))
            ^ u64::from_be_bytes(y[ye - k - 8..ye - k].try_into().expect("eight bytes"));
        if d != 0 {
            return k + (d.trailing_zeros() / 8) as usize;
        }
        k += 8;
    }
    k + x[..xe - k].iter().rev().zip(y[..ye - k].iter().rev()).take_while(|(c, d)| c == d).count()
}

#[cfg(test)]
mod tests {
    use super::{common_prefix, common_suffix};

    #[test]
    fn common_ends_eight_bytes_at_a_time_are_those_byte_by_byte() {
        let mut state = 9u64;
        for _ in 0..20_000 {
            let mut make = || {
                state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                let len = (state >> 58) as usize;
                (0..len).map(|k| b"ab"[((state >> (k % 50)) & 1) as usize]).collect::<Vec<u8>>()
            };
            let (x, y) = (make(), make());
            let pre = x.iter().zip(&y).take_while(|(c, d)| c == d).count();
            let suf = x.iter().rev().zip(y.iter().rev()).take_while(|(c, d)| c == d).count();
            assert_eq!((common_prefix(&x, &y), common_suffix(&x, &y)), (pre, suf), "{x:?} {y:?}");
        }
    }
}
