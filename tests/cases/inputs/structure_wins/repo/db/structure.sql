-- PostgreSQL database dump
CREATE TABLE public.a (id integer);
CREATE TABLE public.b (id integer);
