use super::order::tests::{row, T};
use super::*;

#[test]
fn closed_orders_before_the_cutoff_are_remembered_by_id_only() {
    let mut m = Model::with_cutoff(Some(T));
    m.add_order(
        "OLD",
        OrderRow {
            purchase: T - 1,
            ..row(StatusClass::Shipped)
        },
    );
    m.add_order("OLD", row(StatusClass::Cancelled));
    m.add_order("NEW", row(StatusClass::Shipped));
    m.add_order(
        "NEW",
        OrderRow {
            purchase: T - 1,
            ..row(StatusClass::Cancelled)
        },
    );
    // Old but never shipped: it may still be an open order.
    m.add_order(
        "OPEN",
        OrderRow {
            purchase: T - 1,
            ..row(StatusClass::Other)
        },
    );
    assert_eq!(m.orders.len(), 2);
    let old = m.ids.find("OLD").unwrap();
    assert!(m.knows(&old) && !m.orders.contains_key(&old));
    assert_eq!(
        m.orders[&m.ids.find("NEW").unwrap()].status(),
        StatusClass::Cancelled
    );
}

#[test]
fn absorb_equals_reading_in_order() {
    let rows: Vec<(&str, OrderRow)> = vec![
        (
            "A",
            OrderRow {
                ship_by: Some(T + 1),
                ..row(StatusClass::Other)
            },
        ),
        (
            "B",
            OrderRow {
                purchase: T - 10,
                ..row(StatusClass::Other)
            },
        ),
        (
            "A",
            OrderRow {
                ship_by: Some(T + 2),
                ..row(StatusClass::Shipped)
            },
        ),
        ("B", row(StatusClass::Cancelled)),
        ("111-0000000-0000003", row(StatusClass::Other)),
        ("C", row(StatusClass::Other)),
        (
            "D",
            OrderRow {
                purchase: T - 10,
                ..row(StatusClass::Other)
            },
        ),
        (
            "D",
            OrderRow {
                purchase: T - 10,
                ..row(StatusClass::Cancelled)
            },
        ),
        (
            "E",
            OrderRow {
                purchase: T - 10,
                ..row(StatusClass::Shipped)
            },
        ),
        (
            "E",
            OrderRow {
                purchase: T - 10,
                ..row(StatusClass::Cancelled)
            },
        ),
        (
            "E",
            OrderRow {
                purchase: T - 10,
                ..row(StatusClass::Other)
            },
        ),
    ];
    let mut whole = Model::with_cutoff(Some(T));
    for (id, r) in rows.clone() {
        whole.add_order(id, r);
    }
    for cut in 0..=rows.len() {
        let mut first = Model::with_cutoff(Some(T));
        let mut second = Model::with_cutoff(Some(T));
        for (id, r) in rows[..cut].iter().cloned() {
            first.add_order(id, r);
        }
        for (id, r) in rows[cut..].iter().cloned() {
            second.add_order(id, r);
        }
        first.absorb(second);
        assert_eq!(first.orders.len(), whole.orders.len(), "cut {cut}");
        for (k, o) in &whole.orders {
            let name = whole.ids.name(*k);
            assert_eq!(
                first.orders.get(&first.ids.find(&name).unwrap()),
                Some(o),
                "cut {cut}: {name}"
            );
        }
        assert_eq!(first.dropped.len(), whole.dropped.len(), "cut {cut}");
    }
}

#[test]
fn a_row_in_flight_is_small() {
    // Rows read in pieces wait in lists until merged: an order row's
    // fact is its name and its 20-byte record.
    assert!(std::mem::size_of::<OrderFact>() <= 48);
}

#[test]
fn messages_before_the_cutoff_are_dropped_id_and_all() {
    let mut m = Model {
        message_cutoff: Some(T),
        ..Model::default()
    };
    for (id, received) in [("OLD", T - 1), ("NEW", T), ("OLD", T + 5)] {
        m.add_message(Message {
            id: id.into(),
            received,
            responded: None,
            no_response_needed: false,
            market: Default::default(),
        });
    }
    let kept: Vec<(&str, i64)> = m.messages.iter().map(|x| (&*x.id, x.received)).collect();
    assert_eq!(kept, vec![("NEW", T), ("OLD", T + 5)]);
}

/// Rows read into the partitions of a split model, absorbed back, give
/// the model of reading them all in order into one.
#[test]
fn split_then_absorb_equals_reading_in_order() {
    let ids = ["111-0000000-0000001", "A", "B", "111-0000000-0000002", "C"];
    let rows: Vec<(&str, OrderRow)> = (0..40)
        .map(|i| {
            let status = [
                StatusClass::Other,
                StatusClass::Shipped,
                StatusClass::Cancelled,
            ][i % 3];
            let purchase = if i % 4 == 0 { T - 10 } else { T + i as i64 };
            let ship_by = (i % 5 == 1).then_some(T + 100 + i as i64);
            (
                ids[i % ids.len()],
                OrderRow {
                    purchase,
                    ship_by,
                    ..row(status)
                },
            )
        })
        .collect();
    for cut in [0, 7, 20, 40] {
        let mut whole = Model::with_cutoff(Some(T));
        for (id, r) in rows.clone() {
            whole.add_order(id, r);
        }
        let mut model = Model::with_cutoff(Some(T));
        for (id, r) in rows[..cut].iter().cloned() {
            model.add_order(id, r);
        }
        model.add_claim("B", ClaimType::AToZ, true, Some(T + 3));
        whole.add_claim("B", ClaimType::AToZ, true, Some(T + 3));
        let mut parts = model.split_by_order(3);
        for (id, r) in rows[cut..].iter().cloned() {
            let name = OrderName::of(id);
            parts[name.partition(3)].apply(OrderFact::Order(name, Order::of(&r)));
        }
        for part in parts {
            model.absorb_disjoint(part);
        }
        assert_eq!(model.orders.len(), whole.orders.len(), "cut {cut}");
        assert_eq!(model.dropped.len(), whole.dropped.len(), "cut {cut}");
        for (k, o) in &whole.orders {
            let name = whole.ids.name(*k);
            let mine = model.ids.find(&name).and_then(|k| model.orders.get(&k));
            assert_eq!(mine, Some(o), "cut {cut}: {name}");
        }
        let b = model.ids.find("B").unwrap();
        assert_eq!(model.complaints[&b].a_to_z, Since(T + 3), "cut {cut}");
    }
}
