//! Paging math of list pages (Grafana's search API pages are 1-based). Totals come from a
//! server, so every operation saturates instead of overflowing.

/// Number of pages for `total` items at `per_page` a page (at least 1).
///
/// ```
/// use leptos_grafana::model::paging::total_pages;
/// assert_eq!(total_pages(0, 30), 1);
/// assert_eq!(total_pages(61, 30), 3);
/// ```
pub fn total_pages(total: i64, per_page: i64) -> i64 {
    if per_page <= 0 || total <= 0 {
        return 1;
    }
    total / per_page + i64::from(total % per_page != 0)
}

/// `page` clamped to `1..=total_pages`.
pub fn clamp_page(page: i64, total: i64, per_page: i64) -> i64 {
    page.clamp(1, total_pages(total, per_page))
}

/// "Showing 31–60 of 61" style range of items on `page` (1-based, inclusive); `None`
/// when there is nothing to show.
pub fn shown_range(page: i64, per_page: i64, total: i64) -> Option<(i64, i64)> {
    if total <= 0 || per_page <= 0 {
        return None;
    }
    let page = clamp_page(page, total, per_page);
    let first = (page - 1).saturating_mul(per_page).saturating_add(1);
    Some((first, page.saturating_mul(per_page).min(total)))
}

/// The page numbers to show around `current` (1-based): first, last, and a window of
/// two either side; `None` stands for an ellipsis.
pub fn page_items(current: i64, pages: i64) -> Vec<Option<i64>> {
    let mut items = Vec::new();
    let mut last_shown = 0;
    for p in 1..=pages.max(1) {
        if p == 1 || p == pages || (p - current).abs() <= 2 {
            if p - last_shown > 1 {
                items.push(None);
            }
            items.push(Some(p));
            last_shown = p;
        }
    }
    items
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn edges() {
        assert_eq!(total_pages(30, 30), 1);
        assert_eq!(total_pages(31, 30), 2);
        assert_eq!(clamp_page(0, 100, 30), 1);
        assert_eq!(clamp_page(9, 100, 30), 4);
        assert_eq!(shown_range(4, 30, 100), Some((91, 100)));
        assert_eq!(shown_range(1, 30, 0), None);
    }

    proptest! {
        #[test]
        fn extreme_numbers_from_a_server_never_overflow(total in any::<i64>(), per_page in any::<i64>(), page in any::<i64>()) {
            let pages = total_pages(total, per_page);
            prop_assert!(pages >= 1);
            if let Some((a, b)) = shown_range(page, per_page, total) {
                prop_assert!(1 <= a && a <= b && b <= total);
            }
        }

        #[test]
        fn pages_cover_every_item_exactly_once(total in 0i64..5000, per_page in 1i64..200) {
            let mut covered = 0;
            for page in 1..=total_pages(total, per_page) {
                if let Some((a, b)) = shown_range(page, per_page, total) {
                    prop_assert_eq!(a, covered + 1);
                    covered = b;
                }
            }
            prop_assert_eq!(covered, total);
        }
    }

    #[test]
    fn windows_with_ellipses() {
        assert_eq!(page_items(1, 1), [Some(1)]);
        assert_eq!(page_items(1, 4), [Some(1), Some(2), Some(3), Some(4)]);
        assert_eq!(
            page_items(10, 20),
            [
                Some(1),
                None,
                Some(8),
                Some(9),
                Some(10),
                Some(11),
                Some(12),
                None,
                Some(20)
            ]
        );
    }
}
