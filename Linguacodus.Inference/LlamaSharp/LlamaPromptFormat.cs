using System.Text;
using LLama;
using LLama.Exceptions;
using Microsoft.Extensions.AI;

namespace Linguacodus.Inference.LlamaSharp;

/// <summary>Turns chat messages into the model's own prompt: its GGUF chat template, else the Llama 2 chat format.</summary>
internal static class LlamaPromptFormat
{
    public static string Format(LLamaWeights weights, bool hasChatTemplate, IEnumerable<ChatMessage> messages)
    {
        var list = messages.ToList();
        if (hasChatTemplate)
        {
            try
            {
                var template = new LLamaTemplate(weights) { AddAssistant = true };
                foreach (var message in list)
                {
                    template.Add(message.Role.Value, message.Text);
                }
                return Encoding.UTF8.GetString(template.Apply());
            }
            catch (Exception error) when (error is TemplateNotFoundException or MissingTemplateException or RuntimeError)
            {
                // llama.cpp recognises templates by pattern; an unknown one falls back to the Llama 2 format.
            }
        }
        return Llama2(list);
    }

    /// <summary>
    /// <c>[INST] &lt;&lt;SYS&gt;&gt; system &lt;&lt;/SYS&gt;&gt; user [/INST] answer &lt;/s&gt;&lt;s&gt;[INST] ...</c>; the tokenizer adds the first &lt;s&gt;.
    /// </summary>
    public static string Llama2(IReadOnlyList<ChatMessage> messages)
    {
        var prompt = new StringBuilder();
        var system = string.Join("\n", messages.Where(m => m.Role == ChatRole.System).Select(m => m.Text));
        var firstUser = true;
        foreach (var message in messages.Where(m => m.Role != ChatRole.System))
        {
            if (message.Role == ChatRole.Assistant)
            {
                prompt.Append(' ').Append(message.Text.Trim()).Append(" </s><s>");
                continue;
            }
            prompt.Append("[INST] ");
            if (firstUser && system.Length > 0)
            {
                prompt.Append("<<SYS>>\n").Append(system).Append("\n<</SYS>>\n\n");
            }
            prompt.Append(message.Text.Trim()).Append(" [/INST]");
            firstUser = false;
        }
        return prompt.ToString();
    }
}
