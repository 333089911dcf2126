CREATE TABLE customers (id bigint PRIMARY KEY);
SELEC * FROM customers;
