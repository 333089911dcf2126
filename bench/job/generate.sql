-- Data generator for the IMDB-shaped schema of schema.sql, inside PostgreSQL (set-based INSERT ... SELECT over
-- generate_series, deterministic from a seed). There is no IMDB data offline: this draws rows whose shape is
-- what makes JOB hard for an optimizer and an index advisor — a few huge link tables (cast_info, movie_info)
-- around small dimension tables, power-law popularity of movies, people, keywords and companies, years
-- piling up in recent decades, and info types, kinds, roles and countries with a handful of very common
-- values. README.md says what it models and what differs.
--
-- Needs the tables of schema.sql and a one-row settings table the caller creates first (TEMP is fine):
--
--   CREATE TEMP TABLE job_settings (scale numeric NOT NULL, seed double precision NOT NULL);
--   INSERT INTO job_settings VALUES (1, 0.5);     -- scale > 0 (1 = 100 000 titles), seed in [-1, 1]
--
-- Plain SQL, no psql meta-commands: `psql -f generate.sql` in the same session, or the whole text in one
-- PQexec (one transaction). Same scale + seed on the same PostgreSQL version gives the same data. Existing
-- rows of the tables are removed first. Ends with ANALYZE.

SET max_parallel_workers_per_gather = 0;   -- one process draws all random() values, in a fixed order
SET work_mem = '256MB';
SET synchronous_commit = off;
SET client_min_messages = warning;
SET jit = off;

DO $$
DECLARE n bigint; s numeric; z double precision;
BEGIN
  SELECT count(*), min(scale), min(seed) INTO n, s, z FROM job_settings;
  IF n <> 1 THEN
    RAISE EXCEPTION 'job_settings must hold exactly one row (scale, seed), it holds %', n;
  END IF;
  IF s IS NULL OR s < 0.01 OR s > 100 THEN
    RAISE EXCEPTION 'job_settings.scale must be in [0.01, 100] (got %)', s;
  END IF;
  IF z IS NULL OR z < -1 OR z > 1 THEN
    RAISE EXCEPTION 'job_settings.seed must be in [-1, 1] (got %)', z;
  END IF;
END $$;

TRUNCATE kind_type, title, company_type, company_name, movie_companies, info_type, movie_info, movie_info_idx,
         keyword, movie_keyword, name, aka_name, person_info, char_name, role_type, cast_info, comp_cast_type,
         complete_cast, link_type, movie_link;
DROP TABLE IF EXISTS job_tmp_n, job_tmp_pool;

-- Row counts: about IMDB's rows per title (JOB's 2013 snapshot: 2.5 M titles, 36 M cast_info, 15 M
-- movie_info, 4.5 M movie_keyword, 4.2 M names, 235 k companies, 134 k keywords); scale 1 = 1/25 of IMDB.
CREATE TEMP TABLE job_tmp_n AS
SELECT t, round(t * 0.10)::int AS companies, round(t * 1.05)::int AS movie_companies,
       round(t * 6)::int AS movie_info, round(t * 0.45)::int AS movie_info_idx,
       round(t * 0.055)::int AS keywords, round(t * 1.8)::int AS movie_keyword,
       round(t * 1.6)::int AS names, round(t * 0.3)::int AS aka_names, round(t * 1.1)::int AS person_info,
       round(t * 1.0)::int AS char_names, round(t * 14)::int AS cast_info,
       greatest(round(t * 0.05), 1)::int AS complete_cast, greatest(round(t * 0.012), 1)::int AS movie_link
FROM (SELECT round(100000 * scale)::int AS t FROM job_settings) s;

-- Popularity: pg_temp.skew(n, a) draws an id in [1, n] with density ∝ id^(1/a − 1) — a power law, so low ids
-- are the popular movies, people, keywords, companies (a = 1 uniform; a = 3: the top 1 % of ids get 22 % of
-- the draws). pg_temp.pick(values, a) draws from a list the same way, its first entries the most common.
CREATE FUNCTION pg_temp.skew(n integer, a double precision) RETURNS integer LANGUAGE sql VOLATILE
AS $$ SELECT 1 + floor(n * power(random(), a))::integer $$;
CREATE FUNCTION pg_temp.pick(v text[], a double precision) RETURNS text LANGUAGE sql VOLATILE
AS $$ SELECT v[1 + floor(array_length(v, 1) * power(random(), a))::integer] $$;

DO $$ BEGIN PERFORM setseed(seed) FROM job_settings; END $$;

-- ---------------------------------------------------------------------------------------------------------
-- Dimension tables: IMDB's values and ids (as in JOB's database).
INSERT INTO kind_type VALUES (1, 'movie'), (2, 'tv series'), (3, 'tv movie'), (4, 'video movie'),
  (5, 'tv mini series'), (6, 'video game'), (7, 'episode');
INSERT INTO company_type VALUES (1, 'distributors'), (2, 'production companies'),
  (3, 'special effects companies'), (4, 'miscellaneous companies');
INSERT INTO role_type VALUES (1, 'actor'), (2, 'actress'), (3, 'producer'), (4, 'writer'), (5, 'cinematographer'),
  (6, 'composer'), (7, 'costume designer'), (8, 'director'), (9, 'editor'), (10, 'miscellaneous crew'),
  (11, 'production designer'), (12, 'guest');
INSERT INTO comp_cast_type VALUES (1, 'cast'), (2, 'crew'), (3, 'complete'), (4, 'complete+verified');
INSERT INTO link_type VALUES (1, 'follows'), (2, 'followed by'), (3, 'remake of'), (4, 'remade as'),
  (5, 'references'), (6, 'referenced in'), (7, 'spoofs'), (8, 'spoofed in'), (9, 'features'),
  (10, 'featured in'), (11, 'spin off from'), (12, 'spin off'), (13, 'version of'), (14, 'similar to'),
  (15, 'edited into'), (16, 'edited from'), (17, 'alternate language version of'), (18, 'unknown link');
INSERT INTO info_type VALUES (1, 'runtimes'), (2, 'color info'), (3, 'genres'), (4, 'languages'),
  (5, 'certificates'), (6, 'sound mix'), (7, 'tech info'), (8, 'countries'), (9, 'taglines'), (13, 'goofs'),
  (15, 'quotes'), (16, 'release dates'), (17, 'trivia'), (18, 'locations'), (19, 'mini biography'),
  (20, 'birth notes'), (21, 'birth date'), (22, 'height'), (23, 'death date'), (24, 'spouse'), (98, 'plot'),
  (99, 'votes distribution'), (100, 'votes'), (101, 'rating'), (105, 'budget'), (112, 'top 250 rank'),
  (113, 'bottom 10 rank');

-- A pool of words for free text (plots, trivia, quotes, biographies): substrings of it.
CREATE TEMP TABLE job_tmp_pool AS
SELECT string_agg(pg_temp.pick(ARRAY['the','a','of','and','to','in','his','her','is','with','love','family',
         'young','man','woman','life','new','world','finds','must','war','city','friends','story','murder',
         'police','school','town','secret','past','father','mother','son','daughter','money','dream','journey',
         'killer','night','house','team','music','band','king','island','escape','revenge','ghost','doctor',
         'hospital','computer','robot','alien','hero','villain','champion','kung','fu','blood','violence',
         'wedding','divorce','prison','heist','gang','spy','agent','soldier','battle','ship','train','road'],
         1.4), ' ' ORDER BY g) AS txt
FROM generate_series(1, 6000) g;

-- ---------------------------------------------------------------------------------------------------------
-- title: kinds as IMDB's (episodes and movies dominate), production years piling up in the last decades
-- (3 % unknown), titles from word lists (so LIKE '%Money%' and friends select a few per cent).
INSERT INTO title (id, title, imdb_index, kind_id, production_year, imdb_id, episode_of_id, season_nr, episode_nr,
                   series_years)
SELECT g,
       CASE WHEN kind = 7 AND rt < 0.4 THEN 'Episode #' || season || '.' || episode
            WHEN rt < 0.3 THEN 'The ' || a || ' ' || b
            WHEN rt < 0.5 THEN b || ' of the ' || c
            WHEN rt < 0.7 THEN a || ' ' || b
            WHEN rt < 0.8 THEN a || ' ' || b || ' ' || (2 + floor(rs * 4))::int
            ELSE b || ' ' || c END,
       CASE WHEN rs < 0.04 THEN 'I' WHEN rs < 0.05 THEN 'II' END,
       kind,
       CASE WHEN ry < 0.03 THEN NULL ELSE 2019 - floor(130 * power(random(), 2))::int END,
       NULL,
       CASE WHEN kind = 7 THEN pg_temp.skew(n.t, 1.6) END,
       CASE WHEN kind = 7 THEN season END,
       CASE WHEN kind = 7 THEN episode END,
       CASE WHEN kind IN (2, 5) THEN (1950 + floor(ry * 69))::int || '-' END
FROM (SELECT g, random() AS rt, random() AS rs, random() AS ry,
             CASE WHEN rk < 0.45 THEN 7 WHEN rk < 0.78 THEN 1 WHEN rk < 0.86 THEN 2 WHEN rk < 0.91 THEN 4
                  WHEN rk < 0.95 THEN 3 WHEN rk < 0.98 THEN 5 ELSE 6 END AS kind,
             pg_temp.pick(ARRAY['Dark','Last','Lost','Secret','Red','Black','Golden','Silent','Wild','Broken',
                 'Little','Big','Blue','Deadly','Hidden','Eternal','Final','First','Iron','Crimson','Sweet',
                 'Cold','Burning','Forgotten','Midnight','American','Lonely','Happy','Strange','Holy','Money',
                 'Kung Fu','Star','Love','Blood','Night','Champion','Mad','Bloody','Magic'], 1.2) AS a,
             pg_temp.pick(ARRAY['Love','Night','Man','Woman','City','Road','River','House','Game','War','Dream',
                 'Heart','Story','Money','Girl','Boy','Summer','Winter','Secret','Life','World','Soldier',
                 'Killer','Champion','Monster','Family','Train','Island','Kingdom','Shadow','Angel','Devil',
                 'Hunter','Ghost','Empire','Storm','Fire','Star','Song','Knight','Freddy','Jason','Dragon',
                 'Warrior','Detective'], 1.2) AS b,
             pg_temp.pick(ARRAY['Love','Night','Dead','Sea','Sun','Moon','Past','Future','North','Lake','Wolf',
                 'Gods','Lost','Rings','Jungle','Desert','Ashes','Money','Champions','Stars','Vampire',
                 'Zombies','Dragon','Ninja','Prince','Thrones'], 1.2) AS c,
             1 + floor(power(random(), 2) * 12)::int AS season, 1 + floor(random() * 24)::int AS episode
      FROM (SELECT g, random() AS rk FROM generate_series(1, (SELECT t FROM job_tmp_n)) g OFFSET 0) k
      OFFSET 0) s, job_tmp_n n
ORDER BY g;

-- ---------------------------------------------------------------------------------------------------------
-- company_name: a few famous companies at the top of the popularity order, the rest made-up names;
-- country codes skewed to the US (8 % unknown).
INSERT INTO company_name (id, name, country_code, imdb_id)
SELECT g,
       CASE WHEN g <= 16 THEN (ARRAY['Warner Bros.','Universal Pictures','Paramount Pictures','Columbia Pictures',
                'Twentieth Century Fox Film Corporation','Metro-Goldwyn-Mayer (MGM)','British Broadcasting Corporation (BBC)',
                'Zweites Deutsches Fernsehen (ZDF)','Walt Disney Pictures','DreamWorks','Lionsgate','Netflix',
                'Marvel Studios','Film Funding','YouTube','Sony Pictures Home Entertainment'])[g]
            ELSE pg_temp.pick(ARRAY['Silver','Golden','Blue','Northern','Pacific','Atlantic','Red','Black',
                'Independent','Royal','Global','Metro','Star','Sunset','Eagle','Lion','Phoenix','First',
                'United','Digital','Nordic','Euro','Asian','Bavaria','Canal','Tokyo','Bollywood','Mumbai'], 1.0)
                 || ' ' || pg_temp.pick(ARRAY['Pictures','Films','Film','Studios','Entertainment','Productions',
                'Television','Distribution','Media','Video','Home Video','Releasing','Broadcasting'], 1.5)
                 || CASE WHEN random() < 0.5 THEN ' ' || g ELSE '' END END,
       CASE WHEN g <= 16 THEN (ARRAY['[us]','[us]','[us]','[us]','[us]','[us]','[gb]','[de]','[us]','[us]','[us]',
                '[us]','[us]','[us]','[us]','[us]'])[g]
            WHEN random() < 0.08 THEN NULL
            ELSE pg_temp.pick(ARRAY['[us]','[gb]','[de]','[fr]','[ca]','[jp]','[in]','[it]','[es]','[se]','[nl]',
                '[au]','[ru]','[br]','[dk]','[no]','[bg]','[pl]'], 2.2) END,
       NULL
FROM generate_series(1, (SELECT companies FROM job_tmp_n)) g;

INSERT INTO movie_companies (id, movie_id, company_id, company_type_id, note)
SELECT g, pg_temp.skew(n.t, 1.6), pg_temp.skew(n.companies, 3),
       CASE WHEN r < 0.45 THEN 1 WHEN r < 0.90 THEN 2 WHEN r < 0.93 THEN 3 ELSE 4 END,
       CASE WHEN random() < 0.45 THEN NULL
            ELSE pg_temp.pick(ARRAY['(USA)','(worldwide)','(theatrical)','(co-production)','(presents)','(TV)',
                '(DVD)','(VHS)','(2006) (USA) (TV)','(2008) (worldwide) (all media)','(in association with)',
                '(as Metro-Goldwyn-Mayer Pictures)','(uncredited)','(Blu-ray)','(200?) (worldwide) (TV)'], 1.6) END
FROM (SELECT g, random() AS r FROM generate_series(1, (SELECT movie_companies FROM job_tmp_n)) g OFFSET 0) s,
     job_tmp_n n
ORDER BY g;

-- ---------------------------------------------------------------------------------------------------------
-- movie_info: info types with a few very common ones (release dates, genres, countries, languages, runtimes),
-- values by type.
INSERT INTO movie_info (id, movie_id, info_type_id, info, note)
SELECT g, pg_temp.skew(n.t, 1.6), it,
       CASE it
         WHEN 16 THEN pg_temp.pick(ARRAY['USA','UK','Germany','France','Japan','Canada','Italy','Sweden','Spain',
                'Denmark','Netherlands','Australia','Bulgaria','Norway','India','Russia'], 2)
              || ':' || CASE WHEN random() < 0.5 THEN (1 + floor(random() * 28))::int || ' '
                    || pg_temp.pick(ARRAY['January','February','March','April','May','June','July','August',
                       'September','October','November','December'], 1) || ' ' ELSE '' END
              || (2019 - floor(100 * power(random(), 3)))::int
         WHEN 3 THEN pg_temp.pick(ARRAY['Drama','Comedy','Documentary','Short','Action','Thriller','Romance',
                'Horror','Crime','Family','Animation','Adventure','Music','Sci-Fi','Fantasy','Mystery',
                'Biography','War','History','Western','Sport','Musical','Adult'], 1.6)
         WHEN 8 THEN pg_temp.pick(ARRAY['USA','UK','Germany','France','Canada','Japan','India','Italy','Spain',
                'Sweden','Netherlands','Australia','Denmark','Norway','Bulgaria','Russia','Brazil'], 2)
         WHEN 4 THEN pg_temp.pick(ARRAY['English','German','French','Spanish','Japanese','Italian','Hindi',
                'Swedish','Danish','Norwegian','Portuguese','Russian'], 2.5)
         WHEN 1 THEN CASE WHEN random() < 0.3 THEN pg_temp.pick(ARRAY['USA','UK','Germany'], 1) || ':' ELSE '' END
              || (5 + floor(random() * 150))::int
         WHEN 2 THEN pg_temp.pick(ARRAY['Color','Black and White','Color (Technicolor)','Color (Eastmancolor)'], 2)
         WHEN 6 THEN pg_temp.pick(ARRAY['Mono','Stereo','Dolby','Dolby Digital','DTS','Silent','SDDS'], 1.5)
         WHEN 5 THEN pg_temp.pick(ARRAY['USA:R','USA:PG-13','USA:TV-14','USA:PG','UK:15','Germany:12','USA:G',
                'UK:18','Germany:16','USA:Unrated','Sweden:15','Finland:K-18'], 1.5)
         WHEN 18 THEN pg_temp.pick(ARRAY['Los Angeles, California, USA','New York City, New York, USA',
                'London, England, UK','Toronto, Ontario, Canada','Vancouver, British Columbia, Canada',
                'Berlin, Germany','Paris, France','Tokyo, Japan','Chicago, Illinois, USA','Rome, Lazio, Italy',
                'Prague, Czech Republic','Sofia, Bulgaria'], 1.8)
         WHEN 105 THEN '$' || (floor(1 + power(random(), 3) * 2000) * 100000)::bigint
         WHEN 7 THEN pg_temp.pick(ARRAY['CAM:Panavision Cameras and Lenses','OFM:35 mm','PFM:35 mm','RAT:1.85 : 1',
                'RAT:2.35 : 1','OFM:Video','PCS:Digital Intermediate'], 1.5)
         ELSE substr(p.txt, 1 + floor(random() * 30000)::int, 30 + floor(random() * 150)::int)
       END,
       CASE WHEN random() < 0.85 THEN NULL
            ELSE pg_temp.pick(ARRAY['(worldwide)','(USA)','(limited)','(premiere)','(internet)','(TV)','(video)',
                '(DVD premiere)','(festival)','(re-release)'], 1.5) END
FROM (SELECT g, (ARRAY[16, 3, 8, 4, 1, 2, 6, 5, 18, 98, 17, 7, 13, 15, 9, 105])
                 [1 + floor(16 * power(random(), 1.8))::int] AS it
      FROM generate_series(1, (SELECT movie_info FROM job_tmp_n)) g OFFSET 0) s,
     job_tmp_n n, job_tmp_pool p
ORDER BY g;

-- movie_info_idx: votes distribution, votes and rating for the movies that have them (popular ones more
-- often), then 250 "top 250 rank" and 10 "bottom 10 rank" rows among popular movies.
INSERT INTO movie_info_idx (id, movie_id, info_type_id, info, note)
SELECT g, pg_temp.skew(n.t, 1.6), it,
       CASE it
         WHEN 99 THEN translate(substr(md5(random()::text), 1, 10), 'abcdef0', '.*.*...')
         WHEN 100 THEN (5 + floor(exp(random() * 12)))::int::text
         ELSE to_char(1 + floor(random() * 90) / 10, 'FM9.0') END,
       NULL
FROM (SELECT g, (ARRAY[99, 100, 101])[1 + floor(random() * 3)::int] AS it
      FROM generate_series(1, (SELECT movie_info_idx FROM job_tmp_n)) g OFFSET 0) s, job_tmp_n n
ORDER BY g;
INSERT INTO movie_info_idx (id, movie_id, info_type_id, info, note)
SELECT m.n + g, pg_temp.skew(least(n.t, 5000), 1), CASE WHEN g <= 250 THEN 112 ELSE 113 END,
       CASE WHEN g <= 250 THEN g ELSE g - 250 END::text, NULL
FROM generate_series(1, 260) g, job_tmp_n n, (SELECT max(id) AS n FROM movie_info_idx) m
ORDER BY g;

-- ---------------------------------------------------------------------------------------------------------
-- keyword: keywords JOB's queries name, placed at ranks of popularity like IMDB's (independent-film and
-- murder very common, superhero and marvel-comics rare), the rest made-up pairs of words.
INSERT INTO keyword (id, keyword)
SELECT g, coalesce(f.keyword,
         pg_temp.pick(ARRAY['love','death','new','small','old','young','dog','cat','car','gun','police','school',
             'teenage','female','male','father','mother','brother','sister','friend','wedding','party','night',
             'kiss','fight','chase','dance','song','bar','beach','money','drug','ghost','robot','alien','space',
             'time','lake','forest','island','train','ship','plane','hotel','church','prison','war','soldier'], 1)
         || '-' || pg_temp.pick(ARRAY['scene','relationship','character','title','reference','travel','death',
             'family','killer','murder','gang','story','hero','boy','girl','town','city','club','student',
             'teacher','doctor','nurse','party','dream','fight','lover','shot','crash','rescue','escape'], 1))
FROM generate_series(1, (SELECT keywords FROM job_tmp_n)) g
LEFT JOIN (SELECT DISTINCT ON (id) keyword, id FROM (SELECT keyword, ord, least(rank, (SELECT keywords FROM job_tmp_n) - 40 + ord::int) AS id
           FROM unnest(ARRAY['independent-film','based-on-novel','murder','female-nudity','character-name-in-title',
                  'violence','blood','death','love','sex','sequel','fight','revenge','police','hospital','gore',
                  'friendship','computer-animation','based-on-comic','superhero','marvel-comics','second-part',
                  'tv-special','nerd','marvel-cinematic-universe','10,000-mile-club','based-on-play',
                  'surprise-ending','martial-arts','kung-fu'],
                  ARRAY[1, 3, 4, 5, 6, 8, 9, 10, 12, 14, 20, 25, 30, 45, 60, 80, 90, 150, 200, 300, 700, 900,
                        1200, 2000, 4000, 5000, 110, 130, 260, 400]) WITH ORDINALITY AS u(keyword, rank, ord)) r
           ORDER BY id, ord) f
  ON f.id = g
ORDER BY g;

INSERT INTO movie_keyword (id, movie_id, keyword_id)
SELECT g, pg_temp.skew(n.t, 1.6), pg_temp.skew(n.keywords, 3)
FROM generate_series(1, (SELECT movie_keyword FROM job_tmp_n)) g, job_tmp_n n
ORDER BY g;

-- ---------------------------------------------------------------------------------------------------------
-- name: "Surname, First" (surnames skewed), gender m / f / unknown, first names by gender; name_pcode_cf a
-- soundex-like code starting with the surname's initial.
INSERT INTO name (id, name, imdb_index, imdb_id, gender, name_pcode_cf)
SELECT g, surname || ', ' || CASE WHEN gender = 'f'
              THEN pg_temp.pick(ARRAY['Mary','Anna','Sarah','Emma','Julia','Maria','Laura','Kate','Linda','Jessica',
                  'Susan','Angela','Nicole','Helen','Karen','Monica','Eva','Sofia','Yuki','Priya','Ingrid','Claire'], 1.5)
              ELSE pg_temp.pick(ARRAY['John','David','Michael','Robert','James','Peter','Tim','Thomas','Paul','Mark',
                  'Chris','Daniel','Hans','Pierre','Kenji','Raj','Sven','Luca','Ivan','Carlos','Brad','Tom'], 1.5) END,
       CASE WHEN random() < 0.05 THEN 'I' END, NULL, gender,
       left(surname, 1) || (100 + floor(random() * 900))::int
FROM (SELECT g, CASE WHEN rg < 0.55 THEN 'm' WHEN rg < 0.85 THEN 'f' END AS gender,
             pg_temp.pick(ARRAY['Smith','Johnson','Williams','Brown','Jones','Miller','Davis','Garcia','Wilson',
                 'Anderson','Taylor','Thomas','Moore','Martin','Lee','Clark','Lewis','Walker','Hall','Young','King',
                 'Wright','Scott','Green','Baker','Adams','Nelson','Hill','Campbell','Mitchell','Roberts','Carter',
                 'Phillips','Evans','Turner','Torres','Parker','Collins','Edwards','Stewart','Morris','Murphy',
                 'Cook','Rogers','Morgan','Cooper','Peterson','Bailey','Reed','Kelly','Howard','Cox','Ward',
                 'Richardson','Watson','Brooks','Wood','James','Bennett','Gray','Hughes','Price','Sanders',
                 'Myers','Long','Ross','Foster','Mueller','Schmidt','Schneider','Fischer','Weber','Dubois',
                 'Rossi','Tanaka','Suzuki','Kumar','Singh','Andersson','Nilsson','Ivanov','Downey Jr.','Bale',
                 'Burton','Zhang','Zimmer','Yamamoto','Olsen','Bergman'], 1.3) AS surname
      FROM (SELECT g, random() AS rg FROM generate_series(1, (SELECT names FROM job_tmp_n)) g OFFSET 0) r
      OFFSET 0) s
ORDER BY g;

INSERT INTO aka_name (id, person_id, name)
SELECT g, p, CASE WHEN random() < 0.5 THEN left(split_part(nm.name, ', ', 2), 1) || '. ' || split_part(nm.name, ', ', 1)
                  ELSE split_part(nm.name, ', ', 2) || ' ' || split_part(nm.name, ', ', 1) END
FROM (SELECT g, pg_temp.skew(n.names, 2) AS p
      FROM generate_series(1, (SELECT aka_names FROM job_tmp_n)) g, job_tmp_n n OFFSET 0) s
JOIN name nm ON nm.id = s.p
ORDER BY g;

INSERT INTO person_info (id, person_id, info_type_id, info, note)
SELECT g, pg_temp.skew(n.names, 2), it,
       CASE it
         WHEN 21 THEN (1 + floor(random() * 28))::int || ' '
              || pg_temp.pick(ARRAY['January','February','March','April','May','June','July','August','September',
                 'October','November','December'], 1) || ' ' || (1900 + floor(random() * 100))::int
         WHEN 23 THEN (1930 + floor(random() * 90))::int::text
         WHEN 22 THEN (150 + floor(random() * 50))::int || ' cm'
         WHEN 20 THEN pg_temp.pick(ARRAY['Los Angeles, California, USA','New York City, New York, USA',
                'London, England, UK','Berlin, Germany','Paris, France','Tokyo, Japan','Mumbai, India'], 1.5)
         ELSE substr(p.txt, 1 + floor(random() * 30000)::int, 40 + floor(random() * 200)::int)
       END,
       CASE WHEN it = 19 THEN pg_temp.pick(ARRAY['Anonymous','IMDb Mini Biography','Volker Boehm',
                'Pedro Borges','Jim Beaver','Kim Holland'], 1.2) END
FROM (SELECT g, (ARRAY[19, 21, 17, 20, 22, 24, 23])[1 + floor(7 * power(random(), 1.4))::int] AS it
      FROM generate_series(1, (SELECT person_info FROM job_tmp_n)) g OFFSET 0) s,
     job_tmp_n n, job_tmp_pool p
ORDER BY g;

-- char_name: the roles every production has at the top (Himself, Narrator…), a few famous characters, then
-- made-up first-name-surname characters.
INSERT INTO char_name (id, name, imdb_index, imdb_id)
SELECT g,
       CASE WHEN g <= 24 THEN (ARRAY['Himself','Herself','Narrator','Themselves','Host','Doctor','Nurse',
                'Police Officer','Reporter','Bartender','Waitress','Mother','Father','Detective','Queen','King',
                'Tony Stark','Iron Man','Batman','Bruce Wayne','Spider-Man','Sherlock Holmes','Freddy Krueger',
                'Jason Voorhees'])[g]
            ELSE pg_temp.pick(ARRAY['Jack','Sam','Max','Alex','Charlie','Lucy','Emily','Frank','Joe','Harry',
                'Annie','Rose','Victor','Nick','Tony','Kate','Ben','Leo','Mia','Vera'], 1.2) || ' '
              || pg_temp.pick(ARRAY['Stone','Black','Cole','Hart','Lane','Fox','Reed','Wolf','Knight','Snow',
                'Frost','Steel','Hunter','Wayne','Parker','Holmes','Watson','Bond','Ryan','Cruz'], 1.2) END,
       NULL, NULL
FROM generate_series(1, (SELECT char_names FROM job_tmp_n)) g
ORDER BY g;

-- cast_info: roles as IMDB's (actors and actresses are most rows), popular people and movies in many rows,
-- characters for acting roles, notes that depend on the role.
INSERT INTO cast_info (id, person_id, movie_id, person_role_id, note, nr_order, role_id)
SELECT g, pg_temp.skew(n.names, 2), pg_temp.skew(n.t, 1.5),
       CASE WHEN role IN (1, 2, 12) AND random() < 0.9 THEN pg_temp.skew(n.char_names, 2.5) END,
       CASE WHEN role IN (1, 2, 12) THEN
              CASE WHEN random() < 0.85 THEN NULL
                   ELSE pg_temp.pick(ARRAY['(voice)','(uncredited)','(voice) (uncredited)','(archive footage)',
                       '(voice: English version)','(as Himself)','(voice: Japanese version)','(credit only)'], 1.5) END
            WHEN role = 3 THEN pg_temp.pick(ARRAY['(producer)','(executive producer)','(co-producer)',
                       '(associate producer)','(line producer)','(co-executive producer)'], 1.3)
            WHEN role = 4 THEN pg_temp.pick(ARRAY['(writer)','(screenplay)','(story)','(novel)','(characters)',
                       '(written by)','(creator)','(teleplay)'], 1.3)
            WHEN random() < 0.3 THEN pg_temp.pick(ARRAY['(uncredited)','(as J. Smith)','(assistant)','(supervisor)'], 1)
       END,
       CASE WHEN role IN (1, 2) THEN 1 + floor(30 * power(random(), 2))::int END,
       role
FROM (SELECT g, CASE WHEN r < 0.38 THEN 1 WHEN r < 0.60 THEN 2 WHEN r < 0.69 THEN 3 WHEN r < 0.76 THEN 4
                     WHEN r < 0.84 THEN 10 WHEN r < 0.89 THEN 8 WHEN r < 0.92 THEN 6 WHEN r < 0.95 THEN 5
                     WHEN r < 0.975 THEN 9 WHEN r < 0.985 THEN 11 WHEN r < 0.995 THEN 7 ELSE 12 END AS role
      FROM (SELECT g, random() AS r FROM generate_series(1, (SELECT cast_info FROM job_tmp_n)) g OFFSET 0) q
      OFFSET 0) s, job_tmp_n n
ORDER BY g;

-- ---------------------------------------------------------------------------------------------------------
INSERT INTO complete_cast (id, movie_id, subject_id, status_id)
SELECT g, pg_temp.skew(n.t, 1.6), CASE WHEN random() < 0.55 THEN 1 ELSE 2 END,
       CASE WHEN random() < 0.4 THEN 3 ELSE 4 END
FROM generate_series(1, (SELECT complete_cast FROM job_tmp_n)) g, job_tmp_n n
ORDER BY g;

INSERT INTO movie_link (id, movie_id, linked_movie_id, link_type_id)
SELECT g, pg_temp.skew(n.t, 1.6), pg_temp.skew(n.t, 1.6), pg_temp.skew(18, 1.5)
FROM generate_series(1, (SELECT movie_link FROM job_tmp_n)) g, job_tmp_n n
ORDER BY g;

-- ---------------------------------------------------------------------------------------------------------
DROP TABLE job_tmp_n, job_tmp_pool;
DROP FUNCTION pg_temp.skew(integer, double precision), pg_temp.pick(text[], double precision);

RESET max_parallel_workers_per_gather;
RESET work_mem;
RESET synchronous_commit;
RESET jit;
RESET client_min_messages;

ANALYZE kind_type;
ANALYZE title;
ANALYZE company_type;
ANALYZE company_name;
ANALYZE movie_companies;
ANALYZE info_type;
ANALYZE movie_info;
ANALYZE movie_info_idx;
ANALYZE keyword;
ANALYZE movie_keyword;
ANALYZE name;
ANALYZE aka_name;
ANALYZE person_info;
ANALYZE char_name;
ANALYZE role_type;
ANALYZE cast_info;
ANALYZE comp_cast_type;
ANALYZE complete_cast;
ANALYZE link_type;
ANALYZE movie_link;
