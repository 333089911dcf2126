-- IMDB-shaped schema in the spirit of the Join Order Benchmark (Leis et al., "How Good Are Query Optimizers,
-- Really?", VLDB 2015), whose schema is the IMDB dump as imdbpy loads it. Same tables and column names as
-- JOB's schema.sql, minus aka_title and the phonetic / md5 columns no JOB query reads (README.md).
-- Primary keys only, as JOB's setup: no indexes on the *_id columns, so that an index advisor has to find them.

CREATE TABLE kind_type (
    id      integer      NOT NULL,
    kind    varchar(15)  NOT NULL,
    PRIMARY KEY (id)
);

CREATE TABLE title (
    id               integer      NOT NULL,
    title            text         NOT NULL,
    imdb_index       varchar(12),
    kind_id          integer      NOT NULL,
    production_year  integer,
    imdb_id          integer,
    episode_of_id    integer,
    season_nr        integer,
    episode_nr       integer,
    series_years     varchar(49),
    PRIMARY KEY (id)
);

CREATE TABLE company_type (
    id      integer      NOT NULL,
    kind    varchar(32)  NOT NULL,
    PRIMARY KEY (id)
);

CREATE TABLE company_name (
    id            integer      NOT NULL,
    name          text         NOT NULL,
    country_code  varchar(255),
    imdb_id       integer,
    PRIMARY KEY (id)
);

CREATE TABLE movie_companies (
    id               integer  NOT NULL,
    movie_id         integer  NOT NULL,
    company_id       integer  NOT NULL,
    company_type_id  integer  NOT NULL,
    note             text,
    PRIMARY KEY (id)
);

CREATE TABLE info_type (
    id      integer      NOT NULL,
    info    varchar(32)  NOT NULL,
    PRIMARY KEY (id)
);

CREATE TABLE movie_info (
    id            integer  NOT NULL,
    movie_id      integer  NOT NULL,
    info_type_id  integer  NOT NULL,
    info          text     NOT NULL,
    note          text,
    PRIMARY KEY (id)
);

CREATE TABLE movie_info_idx (
    id            integer  NOT NULL,
    movie_id      integer  NOT NULL,
    info_type_id  integer  NOT NULL,
    info          text     NOT NULL,
    note          text,
    PRIMARY KEY (id)
);

CREATE TABLE keyword (
    id       integer  NOT NULL,
    keyword  text     NOT NULL,
    PRIMARY KEY (id)
);

CREATE TABLE movie_keyword (
    id          integer  NOT NULL,
    movie_id    integer  NOT NULL,
    keyword_id  integer  NOT NULL,
    PRIMARY KEY (id)
);

CREATE TABLE name (
    id             integer      NOT NULL,
    name           text         NOT NULL,
    imdb_index     varchar(12),
    imdb_id        integer,
    gender         varchar(1),
    name_pcode_cf  varchar(5),
    PRIMARY KEY (id)
);

CREATE TABLE aka_name (
    id         integer  NOT NULL,
    person_id  integer  NOT NULL,
    name       text     NOT NULL,
    PRIMARY KEY (id)
);

CREATE TABLE person_info (
    id            integer  NOT NULL,
    person_id     integer  NOT NULL,
    info_type_id  integer  NOT NULL,
    info          text     NOT NULL,
    note          text,
    PRIMARY KEY (id)
);

CREATE TABLE char_name (
    id          integer      NOT NULL,
    name        text         NOT NULL,
    imdb_index  varchar(12),
    imdb_id     integer,
    PRIMARY KEY (id)
);

CREATE TABLE role_type (
    id    integer      NOT NULL,
    role  varchar(32)  NOT NULL,
    PRIMARY KEY (id)
);

CREATE TABLE cast_info (
    id              integer  NOT NULL,
    person_id       integer  NOT NULL,
    movie_id        integer  NOT NULL,
    person_role_id  integer,
    note            text,
    nr_order        integer,
    role_id         integer  NOT NULL,
    PRIMARY KEY (id)
);

CREATE TABLE comp_cast_type (
    id    integer      NOT NULL,
    kind  varchar(32)  NOT NULL,
    PRIMARY KEY (id)
);

CREATE TABLE complete_cast (
    id          integer  NOT NULL,
    movie_id    integer,
    subject_id  integer  NOT NULL,
    status_id   integer  NOT NULL,
    PRIMARY KEY (id)
);

CREATE TABLE link_type (
    id    integer      NOT NULL,
    link  varchar(32)  NOT NULL,
    PRIMARY KEY (id)
);

CREATE TABLE movie_link (
    id               integer  NOT NULL,
    movie_id         integer  NOT NULL,
    linked_movie_id  integer  NOT NULL,
    link_type_id     integer  NOT NULL,
    PRIMARY KEY (id)
);
