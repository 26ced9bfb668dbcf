CREATE TYPE payment_method AS ENUM ('card', 'bank_transfer');
