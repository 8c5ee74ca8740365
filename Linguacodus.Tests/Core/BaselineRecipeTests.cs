using Linguacodus.Core.Engine.Baseline;

namespace Linguacodus.Tests.Core;

public sealed class BaselineRecipeTests
{
    [Theory]
    [InlineData("Model Architecture:\n- A random forest of 400 trees.\nModel Training:\n- like gradient boosting", "RandomForest")]
    [InlineData("Model Architecture:\n- Logistic regression with L2.", "Linear")]
    [InlineData("Model Architecture:\n- PCA then SVC with an RBF kernel.", "KernelSvm")]
    [InlineData("Model Architecture:\n- XGBoost, then a ridge stack.", "GradientBoosting")]
    [InlineData("Use whatever works.", "GradientBoosting")]
    public void Detect_ModelArchitectureSection_FindsTheFirstNamedFamily(string instruction, string expected)
    {
        Assert.Equal(expected, BaselineRecipes.Detect(instruction).ToString());
    }
}
