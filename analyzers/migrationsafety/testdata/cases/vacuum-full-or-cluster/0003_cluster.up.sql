CLUSTER orders USING orders_status_idx;
