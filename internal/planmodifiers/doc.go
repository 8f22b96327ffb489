// Package planmodifiers holds the provider's plan modifiers that are more
// than a line: each makes the plan show what apply will really do, so that
// computed values are known when they cannot change and a change is planned
// when the portal drifted in a way apply repairs.
package planmodifiers
