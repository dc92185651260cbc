import { describe, expect, it } from "vitest";

import { FailureCounter } from "./rate-limit.js";

const limits = { maxFailures: 3, windowMs: 60_000, maxKeys: 4 };

describe("FailureCounter", () => {
  it("allows attempts below the limit", () => {
    const counter = new FailureCounter(limits);
    counter.recordFailure("a", 0);
    counter.recordFailure("a", 1000);
    expect(counter.retryAfterS("a", 2000)).toBe(0);
  });

  it("blocks at the limit until the oldest failure leaves the window", () => {
    const counter = new FailureCounter(limits);
    counter.recordFailure("a", 0);
    counter.recordFailure("a", 10_000);
    counter.recordFailure("a", 20_000);
    expect(counter.retryAfterS("a", 20_000)).toBe(40);
    expect(counter.retryAfterS("a", 59_500)).toBe(1);
    expect(counter.retryAfterS("a", 60_000)).toBe(0);
  });

  it("counts keys separately", () => {
    const counter = new FailureCounter(limits);
    for (let i = 0; i < 3; i++) {
      counter.recordFailure("a", i);
    }
    expect(counter.retryAfterS("a", 10)).toBeGreaterThan(0);
    expect(counter.retryAfterS("b", 10)).toBe(0);
  });

  it("clear forgets a key", () => {
    const counter = new FailureCounter(limits);
    for (let i = 0; i < 3; i++) {
      counter.recordFailure("a", i);
    }
    counter.clear("a");
    expect(counter.retryAfterS("a", 10)).toBe(0);
  });

  it("forgive takes back one failure", () => {
    const counter = new FailureCounter(limits);
    for (let i = 0; i < 3; i++) {
      counter.recordFailure("a", i);
    }
    counter.forgive("a", 2);
    expect(counter.retryAfterS("a", 10)).toBe(0);
    counter.forgive("a", 99);
    counter.recordFailure("a", 11);
    expect(counter.retryAfterS("a", 12)).toBeGreaterThan(0);
  });

  it("holds at most maxKeys keys", () => {
    const counter = new FailureCounter(limits);
    for (let i = 0; i < 10; i++) {
      counter.recordFailure(`key-${i}`, i);
    }
    expect(counter.size).toBe(4);
  });

  it("evicts the key idle longest", () => {
    const counter = new FailureCounter(limits);
    for (let i = 0; i < 3; i++) {
      counter.recordFailure("busy", i);
    }
    for (let i = 0; i < 3; i++) {
      counter.recordFailure(`other-${i}`, 10 + i);
    }
    counter.recordFailure("busy", 20);
    counter.recordFailure("newcomer", 30);
    expect(counter.retryAfterS("busy", 40)).toBeGreaterThan(0);
    expect(counter.retryAfterS("other-0", 40)).toBe(0);
    expect(counter.size).toBe(4);
  });
});
