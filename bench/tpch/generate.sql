-- TPC-H data generator that runs inside PostgreSQL (set-based INSERT ... SELECT over generate_series).
--
-- Follows the TPC-H specification v3, clause 4.2 (cardinalities, value ranges, word lists, formulas);
-- README.md lists where it deviates. Needs the tables of schema.sql and a one-row settings table that the
-- caller creates and fills first (a TEMP table is fine and leaves nothing behind):
--
--   CREATE TEMP TABLE tpch_settings (sf numeric NOT NULL, seed double precision NOT NULL);
--   INSERT INTO tpch_settings VALUES (0.1, 0.5);     -- scale factor >= 0.01, seed in [-1, 1]
--
-- The file is plain SQL without psql meta-commands: run it with `psql -f generate.sql` or send it whole with
-- libpq's PQexec (which runs it as one transaction). Same sf + seed on the same PostgreSQL version gives
-- the same data. Existing rows of the 8 tables are removed first. Ends with ANALYZE.

SET max_parallel_workers_per_gather = 0;   -- one process draws all random() values, in a fixed order
SET work_mem = '256MB';                     -- the per-order lineitem aggregate stays in memory up to SF ~1
SET synchronous_commit = off;
SET client_min_messages = warning;         -- no notices from DROP TABLE IF EXISTS
SET jit = off;                              -- statements run once; compiling them costs more than it saves

DO $$
DECLARE n bigint; s numeric; z double precision;
BEGIN
  SELECT count(*), min(sf), min(seed) INTO n, s, z FROM tpch_settings;
  IF n <> 1 THEN
    RAISE EXCEPTION 'tpch_settings must hold exactly one row (sf, seed), it holds %', n;
  END IF;
  IF s IS NULL OR s < 0.01 THEN
    RAISE EXCEPTION 'tpch_settings.sf must be >= 0.01 (got %)', s;
  END IF;
  IF z IS NULL OR z < -1 OR z > 1 THEN
    RAISE EXCEPTION 'tpch_settings.seed must be in [-1, 1] (got %)', z;
  END IF;
END $$;

TRUNCATE lineitem, orders, partsupp, part, supplier, customer, nation, region;

DROP TABLE IF EXISTS tpch_tmp_word, tpch_tmp_tpl, tpch_tmp_sentence, tpch_tmp_pool, tpch_tmp_k,
                     tpch_tmp_colors, tpch_tmp_ord;

-- ---------------------------------------------------------------------------------------------------------
-- Text pool (clause 4.2.2.10): sentences from the spec's grammar and weighted word lists (clause 4.2.2.13).
-- Every comment column is a substring of random offset and length of one pool row, as dbgen takes
-- substrings of its 300 MB pool; this pool is ~2.5 MB, cut into rows of ~400 characters.
-- ---------------------------------------------------------------------------------------------------------
DO $$ BEGIN PERFORM setseed(seed / 2 + 0.05) FROM tpch_settings; END $$;

-- The word lists, each word repeated as often as its weight: a uniform pick of idx is a weighted pick.
-- kind: N noun, V verb, D adverb, J adjective, P preposition, X auxiliary.
CREATE TEMP TABLE tpch_tmp_word AS
SELECT kind, (row_number() OVER (PARTITION BY kind ORDER BY o) - 1)::int AS idx, w AS word
FROM (SELECT 'N' AS kind, w, n, o FROM unnest(
          ARRAY['packages','requests','accounts','deposits','foxes','ideas','theodolites','pinto beans',
                'instructions','dependencies','excuses','platelets','asymptotes','courts','dolphins',
                'multipliers','sauternes','warthogs','frets','dinos','attainments','somas','Tiresias',
                'patterns','forges','braids','frays','warhorses','dugouts','notornis','epitaphs','pearls',
                'tithes','waters','orbits','gifts','sheaves','depths','sentiments','decoys','realms','pains',
                'grouches','escapades','hockey players'],
          ARRAY[40,40,40,40,20,20,20,20,20,10,10,10,10,5,5,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
                1,1,1,1,1,1]) WITH ORDINALITY AS u(w, n, o)
      UNION ALL
      SELECT 'V', w, n, o FROM unnest(
          ARRAY['sleep','wake','are','cajole','haggle','nag','use','boost','affix','detect','integrate',
                'maintain','nod','was','lose','sublate','solve','thrash','promise','engage','hinder','print',
                'x-ray','breach','eat','grow','impress','mold','poach','serve','run','dazzle','snooze','doze',
                'unwind','kindle','play','hang','believe','doubt'],
          ARRAY[20,20,20,20,20,10,10,10,5,5,5,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1])
          WITH ORDINALITY AS u(w, n, o)
      UNION ALL
      SELECT 'D', w, n, o FROM unnest(
          ARRAY['sometimes','always','never','furiously','slyly','carefully','blithely','quickly','fluffily',
                'slowly','quietly','ruthlessly','thinly','closely','doggedly','daringly','bravely',
                'stealthily','permanently','enticingly','idly','busily','regularly','finally','ironically',
                'evenly','boldly','silently'],
          ARRAY[1,1,1,50,50,50,40,30,20,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1])
          WITH ORDINALITY AS u(w, n, o)
      UNION ALL
      SELECT 'J', w, n, o FROM unnest(
          ARRAY['special','pending','unusual','express','furious','sly','careful','blithe','quick','fluffy',
                'slow','quiet','ruthless','thin','close','dogged','daring','brave','stealthy','permanent',
                'enticing','idle','busy','regular','final','ironic','even','bold','silent'],
          ARRAY[20,20,20,20,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,50,40,40,30,20,10])
          WITH ORDINALITY AS u(w, n, o)
      UNION ALL
      SELECT 'P', w, n, o FROM unnest(
          ARRAY['about','above','according to','across','after','against','along','alongside of','among',
                'around','at','atop','before','behind','beneath','beside','besides','between','beyond','by',
                'despite','during','except','for','from','in place of','inside','instead of','into','near',
                'of','on','outside','over','past','since','through','throughout','to','toward','under',
                'until','up','upon','without','with','within'],
          ARRAY[50,50,50,50,50,40,40,30,30,20,10,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
                1,1,1,1,1,1,1]) WITH ORDINALITY AS u(w, n, o)
      UNION ALL
      SELECT 'X', w, 1, o FROM unnest(
          ARRAY['do','may','might','shall','will','would','can','could','should','ought to','must',
                'will have to','shall have to','could have to','should have to','must have to','need to',
                'try to']) WITH ORDINALITY AS u(w, o)) d,
     generate_series(1, d.n) g;
ANALYZE tpch_tmp_word;

-- Sentence templates. grammar: N V T 3, N V P T 3, N V N T 3, N P V N T 1, N P V P T 1;
-- noun phrase: N 10, J N 20, "J, J N" 10, D J N 50; verb phrase: V 30, X V 1, V D 40, X V D 1;
-- prepositional phrase: P the <noun phrase>; terminator: . 50, ; : ? ! -- 1 each.
CREATE TEMP TABLE tpch_tmp_tpl AS
SELECT i,
       CASE WHEN g < 3  THEN na || ' ' || vb
            WHEN g < 6  THEN na || ' ' || vb || ' P the ' || nc
            WHEN g < 9  THEN na || ' ' || vb || ' ' || nc
            WHEN g < 10 THEN na || ' P the ' || nc || ' ' || vb || ' ' || nd
            ELSE             na || ' P the ' || nc || ' ' || vb || ' P the ' || nd
       END AS tpl,
       CASE WHEN t < 50 THEN '.' WHEN t < 51 THEN ';' WHEN t < 52 THEN ':' WHEN t < 53 THEN '?'
            WHEN t < 54 THEN '!' ELSE ' --' END AS term
FROM (SELECT i, g, t,
             (ARRAY['N', 'J N', 'J, J N', 'D J N'])[CASE WHEN a < 10 THEN 1 WHEN a < 30 THEN 2
                                                         WHEN a < 40 THEN 3 ELSE 4 END] AS na,
             (ARRAY['N', 'J N', 'J, J N', 'D J N'])[CASE WHEN c < 10 THEN 1 WHEN c < 30 THEN 2
                                                         WHEN c < 40 THEN 3 ELSE 4 END] AS nc,
             (ARRAY['N', 'J N', 'J, J N', 'D J N'])[CASE WHEN d < 10 THEN 1 WHEN d < 30 THEN 2
                                                         WHEN d < 40 THEN 3 ELSE 4 END] AS nd,
             (ARRAY['V', 'X V', 'V D', 'X V D'])[CASE WHEN b < 30 THEN 1 WHEN b < 31 THEN 2
                                                      WHEN b < 71 THEN 3 ELSE 4 END] AS vb
      FROM (SELECT i, random() * 11 AS g, random() * 90 AS a, random() * 72 AS b, random() * 90 AS c,
                   random() * 90 AS d, random() * 55 AS t
            FROM generate_series(1, 60000) i) r) s;

ANALYZE tpch_tmp_tpl;

-- Fill the templates with words.
CREATE TEMP TABLE tpch_tmp_sentence AS
SELECT t.i,
       string_agg(CASE WHEN t.tok = 'J,' THEN w.word || ',' ELSE coalesce(w.word, t.tok) END, ' '
                  ORDER BY t.k) || t.term AS sentence
FROM (SELECT s.i, s.term, u.k, u.tok,
             floor(random() * CASE u.tok
                                WHEN 'N'  THEN (SELECT count(*) FROM tpch_tmp_word WHERE kind = 'N')
                                WHEN 'V'  THEN (SELECT count(*) FROM tpch_tmp_word WHERE kind = 'V')
                                WHEN 'D'  THEN (SELECT count(*) FROM tpch_tmp_word WHERE kind = 'D')
                                WHEN 'J'  THEN (SELECT count(*) FROM tpch_tmp_word WHERE kind = 'J')
                                WHEN 'J,' THEN (SELECT count(*) FROM tpch_tmp_word WHERE kind = 'J')
                                WHEN 'P'  THEN (SELECT count(*) FROM tpch_tmp_word WHERE kind = 'P')
                                WHEN 'X'  THEN (SELECT count(*) FROM tpch_tmp_word WHERE kind = 'X')
                                ELSE 1 END)::int AS idx
      FROM tpch_tmp_tpl s
           CROSS JOIN LATERAL unnest(string_to_array(s.tpl, ' ')) WITH ORDINALITY AS u(tok, k)) t
     LEFT JOIN tpch_tmp_word w ON w.kind = rtrim(t.tok, ',') AND w.idx = t.idx
GROUP BY t.i, t.term;

-- Pool rows of ~400 characters (at least 300: every comment fits in one row).
CREATE TEMP TABLE tpch_tmp_pool AS
SELECT (row_number() OVER (ORDER BY grp) - 1)::int AS id, t, length(t) AS len
FROM (SELECT grp, string_agg(sentence, ' ' ORDER BY i) AS t
      FROM (SELECT i, sentence, sum(length(sentence) + 1) OVER (ORDER BY i) / 400 AS grp
            FROM tpch_tmp_sentence) a
      GROUP BY grp) b
WHERE length(t) >= 300;
ANALYZE tpch_tmp_pool;

-- Row counts for the scale factor, and the number of pool rows.
CREATE TEMP TABLE tpch_tmp_k AS
SELECT seed,
       floor(sf * 10000)::int   AS nsupp,
       floor(sf * 200000)::int  AS npart,
       floor(sf * 150000)::int  AS ncust,
       floor(sf * 1500000)::int AS nord,
       greatest(1, floor(sf * 1000))::int AS nclerk,
       (SELECT count(*) FROM tpch_tmp_pool)::int AS npool
FROM tpch_settings;

-- A comment column is  substr(p.t, 1 + floor(coff * (p.len - clen + 1))::int, clen)  of pool row
-- p.id = cpid, with clen uniform in the column's [min, max] length range (clause 4.2.3).
-- All random() calls of a statement sit in one non-flattened subquery, so they run in a fixed order.

-- ---------------------------------------------------------------------------------------------------------
-- REGION and NATION (clause 4.2.3: fixed names and region keys; comments text [31, 114/115])
-- ---------------------------------------------------------------------------------------------------------
DO $$ BEGIN PERFORM setseed(seed / 2 + 0.10) FROM tpch_tmp_k; END $$;

INSERT INTO region (r_regionkey, r_name, r_comment)
SELECT x.regionkey, x.name, substr(p.t, 1 + floor(x.coff * (p.len - x.clen + 1))::int, x.clen)
FROM (SELECT (u.o - 1)::int AS regionkey, u.name,
             31 + floor(random() * 85)::int AS clen, random() AS coff, floor(random() * k.npool)::int AS cpid
      FROM tpch_tmp_k k,
           unnest(ARRAY['AFRICA','AMERICA','ASIA','EUROPE','MIDDLE EAST']) WITH ORDINALITY AS u(name, o)) x
JOIN tpch_tmp_pool p ON p.id = x.cpid;

INSERT INTO nation (n_nationkey, n_name, n_regionkey, n_comment)
SELECT x.nationkey, x.name, x.regionkey, substr(p.t, 1 + floor(x.coff * (p.len - x.clen + 1))::int, x.clen)
FROM (SELECT v.nationkey, v.name, v.regionkey,
             31 + floor(random() * 84)::int AS clen, random() AS coff, floor(random() * k.npool)::int AS cpid
      FROM tpch_tmp_k k,
           (VALUES (0, 'ALGERIA', 0), (1, 'ARGENTINA', 1), (2, 'BRAZIL', 1), (3, 'CANADA', 1),
                   (4, 'EGYPT', 4), (5, 'ETHIOPIA', 0), (6, 'FRANCE', 3), (7, 'GERMANY', 3), (8, 'INDIA', 2),
                   (9, 'INDONESIA', 2), (10, 'IRAN', 4), (11, 'IRAQ', 4), (12, 'JAPAN', 2), (13, 'JORDAN', 4),
                   (14, 'KENYA', 0), (15, 'MOROCCO', 0), (16, 'MOZAMBIQUE', 0), (17, 'PERU', 1),
                   (18, 'CHINA', 2), (19, 'ROMANIA', 3), (20, 'SAUDI ARABIA', 4), (21, 'VIETNAM', 2),
                   (22, 'RUSSIA', 3), (23, 'UNITED KINGDOM', 3), (24, 'UNITED STATES', 1))
             AS v(nationkey, name, regionkey)) x
JOIN tpch_tmp_pool p ON p.id = x.cpid;

-- ---------------------------------------------------------------------------------------------------------
-- PART: SF * 200 000 rows. p_name = 5 distinct colors; p_mfgr Manufacturer#M, M in [1,5]; p_brand Brand#MN,
-- N in [1,5]; p_type and p_container from the syllable lists; p_size [1,50]; p_retailprice
-- (90000 + ((partkey / 10) mod 20001) + 100 * (partkey mod 1000)) / 100; p_comment text [5,22].
-- ---------------------------------------------------------------------------------------------------------
CREATE TEMP TABLE tpch_tmp_colors AS
SELECT (u.o)::int AS o, u.c
FROM unnest(ARRAY['almond','antique','aquamarine','azure','beige','bisque','black','blanched','blue','blush',
                  'brown','burlywood','burnished','chartreuse','chiffon','chocolate','coral','cornflower',
                  'cornsilk','cream','cyan','dark','deep','dim','dodger','drab','firebrick','floral','forest',
                  'frosted','gainsboro','ghost','goldenrod','green','grey','honeydew','hot','indian','ivory',
                  'khaki','lace','lavender','lawn','lemon','light','lime','linen','magenta','maroon','medium',
                  'metallic','midnight','mint','misty','moccasin','navajo','navy','olive','orange','orchid',
                  'pale','papaya','peach','peru','pink','plum','powder','puff','purple','red','rose','rosy',
                  'royal','saddle','salmon','sandy','seashell','sienna','sky','slate','smoke','snow','spring',
                  'steel','tan','thistle','tomato','turquoise','violet','wheat','white','yellow'])
     WITH ORDINALITY AS u(c, o);
ANALYZE tpch_tmp_colors;

DO $$ BEGIN PERFORM setseed(seed / 2 + 0.15) FROM tpch_tmp_k; END $$;

INSERT INTO part (p_partkey, p_name, p_mfgr, p_brand, p_type, p_size, p_container, p_retailprice, p_comment)
SELECT x.partkey,
       x.name,
       'Manufacturer#' || x.m,
       'Brand#' || x.m || x.n,
       (ARRAY['STANDARD','SMALL','MEDIUM','LARGE','ECONOMY','PROMO'])[x.t1] || ' ' ||
       (ARRAY['ANODIZED','BURNISHED','PLATED','POLISHED','BRUSHED'])[x.t2] || ' ' ||
       (ARRAY['TIN','NICKEL','BRASS','STEEL','COPPER'])[x.t3],
       x.size,
       (ARRAY['SM','LG','MED','JUMBO','WRAP'])[x.c1] || ' ' ||
       (ARRAY['CASE','BOX','BAG','JAR','PKG','PACK','CAN','DRUM'])[x.c2],
       (90000 + (x.partkey / 10) % 20001 + 100 * (x.partkey % 1000)) / 100.0,
       substr(p.t, 1 + floor(x.coff * (p.len - x.clen + 1))::int, x.clen)
FROM (SELECT g AS partkey,
             (SELECT string_agg(c.c, ' ')
              FROM (SELECT c.c FROM tpch_tmp_colors c WHERE g > 0 ORDER BY random() LIMIT 5) c) AS name,
             1 + floor(random() * 5)::int AS m, 1 + floor(random() * 5)::int AS n,
             1 + floor(random() * 6)::int AS t1, 1 + floor(random() * 5)::int AS t2,
             1 + floor(random() * 5)::int AS t3, 1 + floor(random() * 50)::int AS size,
             1 + floor(random() * 5)::int AS c1, 1 + floor(random() * 8)::int AS c2,
             5 + floor(random() * 18)::int AS clen, random() AS coff, floor(random() * k.npool)::int AS cpid
      FROM tpch_tmp_k k, generate_series(1, k.npart) g) x
JOIN tpch_tmp_pool p ON p.id = x.cpid;

-- ---------------------------------------------------------------------------------------------------------
-- SUPPLIER: SF * 10 000 rows. s_address v-string [10,40]; s_nationkey [0,24]; s_phone CC-LLL-LLL-LLLL with
-- CC = nationkey + 10; s_acctbal [-999.99, 9999.99]; s_comment text [25,100], where SF * 5 random suppliers
-- (at least 1) get "Customer ...Complaints" and another SF * 5 "Customer ...Recommends" written over it at
-- a random position.
-- ---------------------------------------------------------------------------------------------------------
DO $$ BEGIN PERFORM setseed(seed / 2 + 0.20) FROM tpch_tmp_k; END $$;

INSERT INTO supplier (s_suppkey, s_name, s_address, s_nationkey, s_phone, s_acctbal, s_comment)
SELECT y.suppkey, 'Supplier#' || lpad(y.suppkey::text, 9, '0'), y.address, y.nationkey, y.phone, y.acctbal,
       CASE WHEN y.bbb_rank <= 2 * y.nbbb
            THEN overlay(y.cmnt PLACING 'Customer ' || substr(y.cmnt, 1, y.noise)
                                        || CASE WHEN y.bbb_rank <= y.nbbb THEN 'Complaints' ELSE 'Recommends' END
                         FROM y.pos FOR 19 + y.noise)
            ELSE y.cmnt END
FROM (SELECT x.*, substr(p.t, 1 + floor(x.coff * (p.len - x.clen + 1))::int, x.clen) AS cmnt,
             floor(x.rnoise * (x.clen - 19 + 1))::int AS noise,
             1 + floor(x.rpos * (x.clen - 19 - floor(x.rnoise * (x.clen - 19 + 1)) + 1))::int AS pos,
             row_number() OVER (ORDER BY x.bbb, x.suppkey) AS bbb_rank
      FROM (SELECT g AS suppkey,
                   translate(substr(encode(sha256(random()::text::bytea), 'base64'), 1,
                                    10 + floor(random() * 31)::int), '+/', ', ') AS address,
                   nk AS nationkey,
                   (nk + 10) || '-' || (100 + floor(random() * 900)) || '-' || (100 + floor(random() * 900))
                     || '-' || (1000 + floor(random() * 9000)) AS phone,
                   (floor(random() * 1099999) - 99999) / 100.0 AS acctbal,
                   25 + floor(random() * 76)::int AS clen, random() AS coff,
                   floor(random() * k.npool)::int AS cpid,
                   random() AS bbb, random() AS rnoise, random() AS rpos,
                   greatest(1, round(k.nsupp / 2000.0))::int AS nbbb
            FROM tpch_tmp_k k, generate_series(1, k.nsupp) g,
                 LATERAL (SELECT floor(random() * 25)::int + 0 * g AS nk) n) x
      JOIN tpch_tmp_pool p ON p.id = x.cpid) y
ORDER BY y.suppkey;

-- ---------------------------------------------------------------------------------------------------------
-- PARTSUPP: 4 rows per part, ps_suppkey = (partkey + i * (S/4 + (partkey - 1) / S)) mod S + 1, i in 0..3,
-- S = SF * 10 000; ps_availqty [1,9999]; ps_supplycost [1.00, 1000.00]; ps_comment text [49,198].
-- ---------------------------------------------------------------------------------------------------------
DO $$ BEGIN PERFORM setseed(seed / 2 + 0.25) FROM tpch_tmp_k; END $$;

INSERT INTO partsupp (ps_partkey, ps_suppkey, ps_availqty, ps_supplycost, ps_comment)
SELECT x.partkey,
       (x.partkey + x.i * (x.s / 4 + (x.partkey - 1) / x.s)) % x.s + 1,
       x.availqty, x.supplycost,
       substr(p.t, 1 + floor(x.coff * (p.len - x.clen + 1))::int, x.clen)
FROM (SELECT g / 4 + 1 AS partkey, g % 4 AS i, k.nsupp AS s,
             1 + floor(random() * 9999)::int AS availqty,
             (100 + floor(random() * 99901)) / 100.0 AS supplycost,
             49 + floor(random() * 150)::int AS clen, random() AS coff, floor(random() * k.npool)::int AS cpid
      FROM tpch_tmp_k k, generate_series(0, 4 * k.npart - 1) g) x
JOIN tpch_tmp_pool p ON p.id = x.cpid;

-- ---------------------------------------------------------------------------------------------------------
-- CUSTOMER: SF * 150 000 rows. c_name Customer#<9 digits>; c_address v-string [10,40]; c_nationkey [0,24];
-- c_phone as for suppliers; c_acctbal [-999.99, 9999.99]; c_mktsegment from the list; c_comment [29,116].
-- ---------------------------------------------------------------------------------------------------------
DO $$ BEGIN PERFORM setseed(seed / 2 + 0.30) FROM tpch_tmp_k; END $$;

INSERT INTO customer (c_custkey, c_name, c_address, c_nationkey, c_phone, c_acctbal, c_mktsegment, c_comment)
SELECT x.custkey, 'Customer#' || lpad(x.custkey::text, 9, '0'), x.address, x.nationkey, x.phone, x.acctbal,
       (ARRAY['AUTOMOBILE','BUILDING','FURNITURE','MACHINERY','HOUSEHOLD'])[x.seg],
       substr(p.t, 1 + floor(x.coff * (p.len - x.clen + 1))::int, x.clen)
FROM (SELECT g AS custkey,
             translate(substr(encode(sha256(random()::text::bytea), 'base64'), 1,
                              10 + floor(random() * 31)::int), '+/', ', ') AS address,
             nk AS nationkey,
             (nk + 10) || '-' || (100 + floor(random() * 900)) || '-' || (100 + floor(random() * 900))
               || '-' || (1000 + floor(random() * 9000)) AS phone,
             (floor(random() * 1099999) - 99999) / 100.0 AS acctbal,
             1 + floor(random() * 5)::int AS seg,
             29 + floor(random() * 88)::int AS clen, random() AS coff, floor(random() * k.npool)::int AS cpid
      FROM tpch_tmp_k k, generate_series(1, k.ncust) g,
           LATERAL (SELECT floor(random() * 25)::int + 0 * g AS nk) n) x
JOIN tpch_tmp_pool p ON p.id = x.cpid;

-- ---------------------------------------------------------------------------------------------------------
-- ORDERS and LINEITEM: SF * 1 500 000 orders with sparse keys (dbgen's mk_sparse: of every 32 keys only 8
-- are used: 1-7, 32-39, 64-71, ...); o_custkey uniform over the customers whose key is not a multiple of 3
-- (a third of the customers have no orders); o_orderdate uniform in [1992-01-01, 1998-08-02];
-- o_orderpriority from the list; o_clerk Clerk#<9 digits> in [1, SF * 1000]; o_shippriority 0;
-- o_comment text [19,78]. Each order has 1..7 lineitems: l_partkey uniform, l_suppkey one of the part's 4
-- suppliers, l_quantity [1,50], l_extendedprice = quantity * p_retailprice, l_discount [0.00,0.10],
-- l_tax [0.00,0.08], l_shipdate = orderdate + [1,121], l_commitdate = orderdate + [30,90],
-- l_receiptdate = shipdate + [1,30], l_returnflag R/A at random if receiptdate <= 1995-06-17 else N,
-- l_linestatus O if shipdate > 1995-06-17 else F, l_shipinstruct / l_shipmode from the lists,
-- l_comment text [10,43]. o_totalprice = sum(extendedprice * (1 + tax) * (1 - discount)),
-- o_orderstatus F / O when all its lineitems are F / O, else P.
-- ---------------------------------------------------------------------------------------------------------
DO $$ BEGIN PERFORM setseed(seed / 2 + 0.35) FROM tpch_tmp_k; END $$;

CREATE TEMP TABLE tpch_tmp_ord AS
SELECT x.orderkey, x.custkey, x.orderdate, x.nlines,
       (ARRAY['1-URGENT','2-HIGH','3-MEDIUM','4-NOT SPECIFIED','5-LOW'])[x.prio] AS priority,
       'Clerk#' || lpad(x.clerk::text, 9, '0') AS clerk,
       substr(p.t, 1 + floor(x.coff * (p.len - x.clen + 1))::int, x.clen) AS cmnt
FROM (SELECT (g / 8) * 32 + g % 8 AS orderkey,
             (c / 2) * 3 + c % 2 + 1 AS custkey,
             date '1992-01-01' + d AS orderdate,
             1 + floor(random() * 7)::int AS nlines,
             1 + floor(random() * 5)::int AS prio,
             1 + floor(random() * k.nclerk)::int AS clerk,
             19 + floor(random() * 60)::int AS clen, random() AS coff, floor(random() * k.npool)::int AS cpid
      FROM tpch_tmp_k k, generate_series(1, k.nord) g,
           LATERAL (SELECT floor(random() * (k.ncust - k.ncust / 3))::int + 0 * g AS c,
                           floor(random() * (date '1998-08-02' - date '1992-01-01' + 1))::int AS d) r) x
JOIN tpch_tmp_pool p ON p.id = x.cpid;
ANALYZE tpch_tmp_ord;

DO $$ BEGIN PERFORM setseed(seed / 2 + 0.40) FROM tpch_tmp_k; END $$;

INSERT INTO lineitem (l_orderkey, l_partkey, l_suppkey, l_linenumber, l_quantity, l_extendedprice, l_discount,
                      l_tax, l_returnflag, l_linestatus, l_shipdate, l_commitdate, l_receiptdate,
                      l_shipinstruct, l_shipmode, l_comment)
SELECT x.orderkey,
       x.partkey,
       (x.partkey + x.j * (x.s / 4 + (x.partkey - 1) / x.s)) % x.s + 1,
       x.linenumber,
       x.quantity,
       x.quantity * ((90000 + (x.partkey / 10) % 20001 + 100 * (x.partkey % 1000)) / 100.0),
       x.discount,
       x.tax,
       CASE WHEN x.orderdate + x.ship + x.receipt <= date '1995-06-17'
            THEN CASE WHEN x.rflag < 0.5 THEN 'R' ELSE 'A' END
            ELSE 'N' END,
       CASE WHEN x.orderdate + x.ship > date '1995-06-17' THEN 'O' ELSE 'F' END,
       x.orderdate + x.ship,
       x.orderdate + x.commit,
       x.orderdate + x.ship + x.receipt,
       (ARRAY['DELIVER IN PERSON','COLLECT COD','NONE','TAKE BACK RETURN'])[x.instruct],
       (ARRAY['REG AIR','AIR','RAIL','SHIP','TRUCK','MAIL','FOB'])[x.mode],
       substr(p.t, 1 + floor(x.coff * (p.len - x.clen + 1))::int, x.clen)
FROM (SELECT o.orderkey, o.orderdate, ln AS linenumber, k.nsupp AS s,
             1 + floor(random() * k.npart)::int AS partkey,
             floor(random() * 4)::int AS j,
             1 + floor(random() * 50)::int AS quantity,
             floor(random() * 11) / 100.0 AS discount,
             floor(random() * 9) / 100.0 AS tax,
             1 + floor(random() * 121)::int AS ship,
             30 + floor(random() * 61)::int AS commit,
             1 + floor(random() * 30)::int AS receipt,
             random() AS rflag,
             1 + floor(random() * 4)::int AS instruct,
             1 + floor(random() * 7)::int AS mode,
             10 + floor(random() * 34)::int AS clen, random() AS coff, floor(random() * k.npool)::int AS cpid
      FROM tpch_tmp_k k, tpch_tmp_ord o, generate_series(1, o.nlines) ln) x
JOIN tpch_tmp_pool p ON p.id = x.cpid;

INSERT INTO orders (o_orderkey, o_custkey, o_orderstatus, o_totalprice, o_orderdate, o_orderpriority, o_clerk,
                    o_shippriority, o_comment)
SELECT o.orderkey, o.custkey,
       CASE WHEN l.nf = l.n THEN 'F' WHEN l.nf = 0 THEN 'O' ELSE 'P' END,
       l.total, o.orderdate, o.priority, o.clerk, 0, o.cmnt
FROM tpch_tmp_ord o
JOIN (SELECT l_orderkey, count(*) AS n, count(*) FILTER (WHERE l_linestatus = 'F') AS nf,
             round(sum(l_extendedprice * (1 + l_tax) * (1 - l_discount)), 2) AS total
      FROM lineitem GROUP BY l_orderkey) l ON l.l_orderkey = o.orderkey
ORDER BY o.orderkey;

-- ---------------------------------------------------------------------------------------------------------
DROP TABLE tpch_tmp_word, tpch_tmp_tpl, tpch_tmp_sentence, tpch_tmp_pool, tpch_tmp_k, tpch_tmp_colors,
           tpch_tmp_ord;

RESET max_parallel_workers_per_gather;
RESET work_mem;
RESET synchronous_commit;
RESET jit;
RESET client_min_messages;

ANALYZE region;
ANALYZE nation;
ANALYZE part;
ANALYZE supplier;
ANALYZE partsupp;
ANALYZE customer;
ANALYZE orders;
ANALYZE lineitem;
