// The writes one run may make to GitHub: every write spends one, and the run stops (leaving the
// rest for the next run) when none is left.

export class WriteBudget {
  used = 0;
  constructor(readonly max: number) {}
  get left(): number {
    return this.max - this.used;
  }
  spend(): void {
    if (this.used >= this.max) throw new BudgetExhausted();
    this.used++;
  }
}

export class BudgetExhausted extends Error {
  constructor() {
    super('The write budget of this run is used up.');
  }
}
