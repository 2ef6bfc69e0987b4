"""Logistics: hubs, vehicles, stops and route plans within Hanoi's truck rules; carriers and
shipments with their tracking. The planner itself is the pure package `routing`."""
