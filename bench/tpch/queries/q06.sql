-- TPC-H Q6: Forecasting Revenue Change. :1 = DATE (January 1st, [1993, 1997]), :2 = DISCOUNT [0.02, 0.09],
-- :3 = QUANTITY [24, 25].
select
    sum(l_extendedprice * l_discount) as revenue
from
    lineitem
where
    l_shipdate >= date ':1'
    and l_shipdate < date ':1' + interval '1' year
    and l_discount between :2 - 0.01 and :2 + 0.01
    and l_quantity < :3;
