// Adverse subgraph schema: Adverse behaviour (不良行为): AD01–AD12.
import { categoryTypeDefsFor } from '../common/category-subgraph';

export const typeDefs = categoryTypeDefsFor('ADVERSE', 'Adverse behaviour (不良行为): AD01–AD12.');
