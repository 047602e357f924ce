namespace Analytics.Core.Profitability;

/// <summary>
/// The parts of the Basel IRB formula that depend only on the obligor (PD and size), computed once per
/// customer by <see cref="IrbCapital.Obligor"/> and reused for each of its exposures.
/// </summary>
/// <param name="Pd">The PD used in the formula (1 for a defaulted obligor, 0 for a PD at or below 0).</param>
/// <param name="ConditionalPd">
/// <c>N((G(PD) + √R·G(0.999)) / √(1 − R))</c>, the PD conditional on the 99.9 % systematic shock; equal to
/// <see cref="Pd"/> at the two ends so that the unexpected loss, and K, is exactly 0 there.
/// </param>
/// <param name="B">The maturity adjustment slope <c>b = (0.11852 − 0.05478·ln PD)²</c> (0 at PD ≤ 0).</param>
public readonly record struct IrbObligor(double Pd, double ConditionalPd, double B);
