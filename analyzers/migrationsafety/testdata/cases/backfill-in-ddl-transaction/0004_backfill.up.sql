UPDATE orders SET country = 'de';
