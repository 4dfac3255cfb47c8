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
            order: None,
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

#[test]
fn split_by_market_sends_rows_and_messages_with_their_orders_marketplace() {
    use crate::marketplace::Marketplace::{Ca, Us};
    let ca = OrderMarket::Amazon(Ca);
    let us = OrderMarket::Amazon(Us);
    let mut m = Model::with_cutoff(Some(T));
    // An old, shipped Canadian order is remembered by id only, with its marketplace.
    m.add_order(
        "701-0000000-0000001",
        OrderRow {
            purchase: T - 10,
            market: ca,
            ..row(StatusClass::Shipped)
        },
    );
    m.add_order(
        "701-0000000-0000002",
        OrderRow {
            market: ca,
            ..row(StatusClass::Other)
        },
    );
    m.add_order(
        "111-0000000-0000003",
        OrderRow {
            market: us,
            ..row(StatusClass::Other)
        },
    );
    m.add_order(
        "MCF-1",
        OrderRow {
            market: OrderMarket::NonAmazon,
            ..row(StatusClass::Shipped)
        },
    );
    assert_eq!(m.dropped.len(), 1);
    m.add_claim("701-0000000-0000002", ClaimType::AToZ, true, None);
    m.add_claim("MCF-1", ClaimType::AToZ, true, None);
    for (id, order) in [
        ("M1", Some("701-0000000-0000001")),
        ("M2", None),
        ("M3", Some("MCF-1")),
    ] {
        m.add_message(Message {
            id: id.into(),
            received: T,
            responded: None,
            no_response_needed: false,
            order: order.map(Box::from),
        });
    }
    // Audits: US (index 0, also rows of no order), CA (1); Non-Amazon left out.
    let route = |market: OrderMarket| match market {
        OrderMarket::Amazon(Ca) => Some(1),
        OrderMarket::NonAmazon => None,
        _ => Some(0),
    };
    let parts = m.split_by_market(2, route, 0);
    let (us_part, ca_part) = (&parts[0], &parts[1]);
    assert_eq!(us_part.orders.len(), 1);
    assert_eq!(ca_part.orders.len(), 1);
    assert_eq!(ca_part.complaints.len(), 1, "the claim goes with its order");
    assert!(
        us_part.complaints.is_empty(),
        "a Non-Amazon order's claim counts nowhere"
    );
    let ids = |p: &Model| {
        p.messages
            .iter()
            .map(|x| x.id.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        ids(ca_part),
        ["M1"],
        "a message finds an order remembered by id only"
    );
    assert_eq!(
        ids(us_part),
        ["M2"],
        "a message naming no order goes with the first audit"
    );
}
