insert into shop (id, name) values (1, 'north'), (2, 'south'), (3, 'east'), (4, 'west');
insert into item (id, name, shop_id) values (11, 'a', 1), (12, 'b', 1), (21, 'c', 2), (31, 'd', 3), (41, 'e', 4);
